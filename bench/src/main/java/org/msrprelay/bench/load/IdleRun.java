package org.msrprelay.bench.load;

import java.util.List;

/**
 * {@code idle}: opens {@code --sessions} authenticated sessions ({@code --concurrency} handshakes at
 * a time) and holds them. Measured: the relay's heap after full GC before and after, per session
 * (JMX), and its memory (PSS) per session (with {@code --pid}). The sessions are measured after
 * {@code --settle} seconds, held {@code --hold} seconds more, then closed.
 */
final class IdleRun {
    private final Options o;
    private final List<EventLoop> loops;

    IdleRun(Options o, List<EventLoop> loops) {
        this.o = o;
        this.loops = loops;
    }

    Report run() throws Exception {
        try (RelayProbe probe = new RelayProbe(o)) {
            long heapBefore = probe.heapAfterGc();
            long memBefore = probe.memory();
            long sessionsBefore = probe.sessionCount();
            LoadTool.progress("idle: heap before %s, memory before %s, relay sessions %d", mib(heapBefore), mib(memBefore),
                    sessionsBefore);
            long t0 = System.nanoTime();
            Establisher est = new Establisher(o, loops, o.sessions(), o.concurrency());
            Establisher.Authed[] up = est.run(Math.max(60, o.sessions() / 100.0));
            double setupSeconds = (System.nanoTime() - t0) / 1e9;
            int failed = est.failures();
            LoadTool.progress("idle: %d sessions up in %.1f s (%d failed); settling %.0f s", o.sessions() - failed,
                    setupSeconds, failed, o.settle());
            Thread.sleep((long) (o.settle() * 1000));
            long heapAfter = probe.heapAfterGc();
            long memAfter = probe.memory();
            long sessionsAfter = probe.sessionCount();
            int held = o.sessions() - failed;
            int open = 0;
            for (Establisher.Authed a : up) {
                if (a != null && a.conn().isOpen()) {
                    open++;
                }
            }
            LoadTool.progress("idle: heap after %s, memory after %s, relay sessions %d, client connections open %d",
                    mib(heapAfter), mib(memAfter), sessionsAfter, open);
            if (o.hold() > 0) {
                Thread.sleep((long) (o.hold() * 1000));
            }
            for (Establisher.Authed a : up) {
                if (a != null) {
                    a.conn().loop().execute(() -> a.conn().close("done"));
                }
            }
            for (EventLoop l : loops) {
                MsgsRun.sync(l, () -> {
                });
            }
            Report r = LoadTool.header(o).put("sessions", held).put("failed", failed).put("still_open", open)
                    .put("setup_s", setupSeconds).put("setup_auth_per_s", held / setupSeconds)
                    .put("relay_sessions", sessionsAfter);
            if (probe.hasJmx()) {
                r.put("heap_before", heapBefore).put("heap_after", heapAfter)
                        .put("heap_per_session", held == 0 ? 0 : (double) (heapAfter - heapBefore) / held);
            }
            if (memBefore >= 0) {
                r.put("mem_before", memBefore).put("mem_after", memAfter)
                        .put("mem_per_session", held == 0 ? 0 : (double) (memAfter - memBefore) / held);
            }
            return r;
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
