package org.msrprelay.bench.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code auth}: K handshakes at a time, each on a fresh connection: connect, AUTH, 401, AUTH with
 * digest, 200 with Use-Path, close. Measured after the warm-up: completed handshakes per second
 * and the time from connect to the 200.
 */
final class AuthRun {
    private final Options o;
    private final List<EventLoop> loops;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong attempt = new AtomicLong();
    private final List<Slot> slots = new ArrayList<>();
    private long warmEnd;
    private long end;
    private volatile boolean stop;

    AuthRun(Options o, List<EventLoop> loops) {
        this.o = o;
        this.loops = loops;
    }

    Report run() throws InterruptedException {
        long start = System.nanoTime();
        warmEnd = start + (long) (o.warmup() * 1e9);
        end = warmEnd + (long) (o.duration() * 1e9);
        for (int i = 0; i < o.concurrency(); i++) {
            Slot s = new Slot(loops.get(i % loops.size()));
            slots.add(s);
            s.loop.execute(s::next);
        }
        LoadTool.progress("auth: %d concurrent handshakes", o.concurrency());
        long[] last = {0, System.nanoTime()};
        double cpu = LoadTool.measure(o, warmEnd, end, () -> {
            long now = System.nanoTime();
            long n = done.get();
            String s = String.format("auth: %.0f AUTH/s%s", (n - last[0]) / ((now - last[1]) / 1e9),
                    now < warmEnd ? " (warm-up)" : "");
            last[0] = n;
            last[1] = now;
            return s;
        });
        stop = true;
        long ok = 0;
        long failed = 0;
        List<Samples> lat = new ArrayList<>();
        String firstError = "";
        for (Slot s : slots) {
            MsgsRun.sync(s.loop, () -> {
                if (s.conn != null) {
                    s.conn.close("done");
                }
            });
            ok += s.ok;
            failed += s.failed;
            lat.add(s.latency);
            if (firstError.isEmpty() && s.firstError != null) {
                firstError = s.firstError;
            }
        }
        Samples l = Samples.merge(lat);
        Report r = LoadTool.header(o).put("concurrency", o.concurrency()).put("seconds", o.duration()).put("auths", ok)
                .put("auth_per_s", ok / o.duration()).put("p50_us", l.micros(0.5)).put("p99_us", l.micros(0.99))
                .put("max_us", l.maxMicros()).put("failed", failed);
        LoadTool.cpu(r, cpu, ok);
        if (!firstError.isEmpty()) {
            r.put("first_error", firstError);
        }
        return r;
    }

    /** One handshake after another; on its loop's thread only. */
    private final class Slot {
        final EventLoop loop;
        final Samples latency = new Samples();
        MsrpConn conn;
        long startedAt;
        long ok;
        long failed;
        String firstError;

        Slot(EventLoop loop) {
            this.loop = loop;
        }

        void next() {
            if (stop) {
                return;
            }
            long n = attempt.getAndIncrement();
            startedAt = System.nanoTime();
            conn = loop.connect(new InetSocketAddress(o.host(), o.port()), o.tls(), false,
                    new AuthFlow(o, o.user((int) (n % Integer.MAX_VALUE)), AuthFlow.clientUri("a" + n), new AuthFlow.Outcome() {
                        @Override
                        public void authed(MsrpConn c, AuthFlow.Session s) {
                            long now = System.nanoTime();
                            done.incrementAndGet();
                            if (startedAt >= warmEnd && now <= end) {
                                ok++;
                                latency.add(now - startedAt);
                            }
                            finish(c);
                        }

                        @Override
                        public void failed(MsrpConn c, String why) {
                            if (stop) {
                                return;
                            }
                            failed++;
                            if (firstError == null) {
                                firstError = why;
                                LoadTool.progress("auth: failure: %s", why);
                            }
                            finish(c);
                        }
                    }));
        }

        private void finish(MsrpConn c) {
            c.listener(new MsrpConn.Listener() {
            });
            c.close("handshake done");
            conn = null;
            next();
        }
    }
}
