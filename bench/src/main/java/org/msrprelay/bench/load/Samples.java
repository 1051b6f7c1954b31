package org.msrprelay.bench.load;

import java.util.Arrays;

/** Latency samples in nanoseconds, kept whole (bounded) so that percentiles are exact. One writer thread. */
final class Samples {
    private static final int MAX = 20_000_000;
    private long[] v = new long[1024];
    private int n;
    private long dropped;

    void add(long nanos) {
        if (n == v.length) {
            if (n == MAX) {
                dropped++;
                return;
            }
            v = Arrays.copyOf(v, Math.min(MAX, n * 2));
        }
        v[n++] = nanos;
    }

    int count() {
        return n;
    }

    /** All samples of {@code parts}, sorted. */
    static Samples merge(Iterable<Samples> parts) {
        Samples all = new Samples();
        int total = 0;
        for (Samples s : parts) {
            total += s.n;
        }
        all.v = new long[Math.max(1, total)];
        for (Samples s : parts) {
            System.arraycopy(s.v, 0, all.v, all.n, s.n);
            all.n += s.n;
            all.dropped += s.dropped;
        }
        Arrays.sort(all.v, 0, all.n);
        return all;
    }

    /** The q-quantile (0..1) of sorted samples, in microseconds; 0 when empty. */
    double micros(double q) {
        if (n == 0) {
            return 0;
        }
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
        return v[i] / 1000.0;
    }

    double maxMicros() {
        return n == 0 ? 0 : v[n - 1] / 1000.0;
    }

    /** How many sorted samples are at least {@code nanos}. */
    int atLeast(long nanos) {
        int i = Arrays.binarySearch(v, 0, n, nanos);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && v[i - 1] == nanos) {
                i--;
            }
        }
        return n - i;
    }
}
