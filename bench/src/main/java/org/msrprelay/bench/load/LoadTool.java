package org.msrprelay.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load generator for RFC 4976 relays (and a raw TCP pipe): {@code msgs}, {@code bulk}, {@code auth},
 * {@code idle}. Progress goes to stderr; the result to stdout as a table and one JSON line. Every
 * run is bounded: a watchdog ends the process at {@link Options#deadline()}.
 * <p>
 * Run: {@code java -cp bench/target/msrprelay-bench.jar org.msrprelay.bench.load.LoadTool msgs --port 2855}
 */
public final class LoadTool {
    private static final long STARTED = System.nanoTime();

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        watchdog(o.deadline());
        List<EventLoop> loops = new ArrayList<>();
        for (int i = 0; i < o.threads(); i++) {
            loops.add(new EventLoop("loop-" + i));
        }
        Report r;
        try {
            switch (o.mode()) {
                case "msgs":
                    r = new MsgsRun(o, loops).run();
                    break;
                case "bulk":
                    r = o.raw() ? new RawRun(o, loops).run() : new BulkRun(o, loops).run();
                    break;
                case "auth":
                    r = new AuthRun(o, loops).run();
                    break;
                default:
                    r = new IdleRun(o, loops).run();
                    break;
            }
        } finally {
            loops.forEach(EventLoop::stop);
        }
        r.print(System.out);
        System.exit(0);
    }

    /** A header shared by every mode's report. */
    static Report header(Options o) {
        return new Report().put("mode", o.mode() + (o.raw() ? "-raw" : "")).put("label", o.label())
                .put("target", o.host() + ":" + o.port()).put("tls", o.tls());
    }

    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(Locale.ROOT, format, args));
    }

    /** Ends the run with exit status 3 and a JSON line saying why. */
    static void fail(String why) {
        System.out.println("{\"mode\":\"error\",\"error\":\"" + why.replace("\"", "'") + "\"}");
        System.out.flush();
        System.err.println("error: " + why);
        Runtime.getRuntime().halt(3);
    }

    private static void watchdog(double seconds) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                fail("run exceeded its time limit of " + (long) seconds + " s");
            } catch (InterruptedException ignored) {
                // the process is ending
            }
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits out the warm-up and the measured window; returns the CPU seconds the {@code --pid}
     * processes used during the measured window (-1 without pids).
     */
    /** A progress line with the byte rate (10^6 bytes/s) of {@code bytes} since the previous call. */
    static java.util.function.Supplier<String> megabytesPerSecond(String label, java.util.function.LongSupplier bytes,
                                                                long warmEnd) {
        long[] last = {0, System.nanoTime()};
        return () -> {
            long now = System.nanoTime();
            long n = bytes.getAsLong();
            String s = String.format("%s: %.1f MB/s%s", label, (n - last[0]) / ((now - last[1]) / 1e9) / 1e6,
                    now < warmEnd ? " (warm-up)" : "");
            last[0] = n;
            last[1] = now;
            return s;
        };
    }

    static double measure(Options o, long warmEnd, long end, java.util.function.Supplier<String> status)
            throws InterruptedException {
        waitUntil(warmEnd, status);
        double before = RelayProbe.cpuSeconds(o.pids());
        waitUntil(end, status);
        double after = RelayProbe.cpuSeconds(o.pids());
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** Adds the relay's CPU use to a report: seconds in the window and microseconds per operation. */
    static void cpu(Report r, double cpuSeconds, double ops) {
        if (cpuSeconds >= 0) {
            r.put("relay_cpu_s", cpuSeconds).put("relay_cpu_us_per_op", ops > 0 ? cpuSeconds * 1e6 / ops : 0);
        }
    }

    /** Sleeps until {@code nanoTime} reaches {@code until}, printing {@code status} every second. */
    static void waitUntil(long until, java.util.function.Supplier<String> status) throws InterruptedException {
        long nextPrint = System.nanoTime() + 1_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            if (now >= until) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(until - now, nextPrint - now) / 1_000_000));
            if (System.nanoTime() >= nextPrint) {
                progress("%s", status.get());
                nextPrint += 1_000_000_000L;
            }
        }
    }
}
