package org.msrprelay.bench.load;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.msrprelay.codec.MsrpHead;

/**
 * {@code msgs}: N pairs A/B, both behind the relay; A keeps W SENDs outstanding towards B. A SEND is
 * outstanding until A has the relay's 200 and B has received the whole message (B answers it with
 * a 200 of its own). Measured after the warm-up: messages/s, the relay's 200 latency at A and the
 * end-to-end latency at B.
 */
final class MsgsRun {
    private static final int ACK = 1;
    private static final int DELIVERED = 2;
    private static final int SENT = 4;
    private static final long STALL_NANOS = 40_000_000L;

    private final Options o;
    private final List<EventLoop> loops;
    private final List<Pair> pairs = new ArrayList<>();
    private final AtomicLong completedTotal = new AtomicLong();
    private long warmEnd;
    private long end;
    private volatile boolean stopSending;

    MsgsRun(Options o, List<EventLoop> loops) {
        this.o = o;
        this.loops = loops;
    }

    Report run() throws InterruptedException {
        Establisher est = new Establisher(o, loops, 2 * o.pairs(), Math.min(2 * o.pairs(), 64));
        Establisher.Authed[] up = est.run(60);
        if (est.failures() > 0) {
            LoadTool.fail(est.failures() + " of " + 2 * o.pairs() + " AUTHs failed, first: " + est.firstFailure());
        }
        byte[] body = new byte[(int) o.size()];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        long start = System.nanoTime();
        warmEnd = start + (long) (o.warmup() * 1e9);
        end = warmEnd + (long) (o.duration() * 1e9);
        for (int p = 0; p < o.pairs(); p++) {
            Pair pair = new Pair(p, up[2 * p], up[2 * p + 1], body);
            pairs.add(pair);
            est.loopOf(2 * p).execute(pair::start);
        }
        LoadTool.progress("msgs: %d pairs, window %d, %d-byte bodies: warm-up %.0f s, then %.0f s measured", o.pairs(),
                o.window(), o.size(), o.warmup(), o.duration());
        long[] last = {0, System.nanoTime()};
        double cpu = LoadTool.measure(o, warmEnd, end, () -> {
            long now = System.nanoTime();
            long n = completedTotal.get();
            String s = String.format("msgs: %.0f msgs/s%s", (n - last[0]) / ((now - last[1]) / 1e9),
                    now < warmEnd ? " (warm-up)" : "");
            last[0] = n;
            last[1] = now;
            return s;
        });
        stopSending = true;
        drain(3_000_000_000L);
        for (Pair p : pairs) {
            sync(p.a.conn().loop(), () -> {
                p.a.conn().close("done");
                p.b.conn().close("done");
            });
        }
        return report(cpu);
    }

    private void drain(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            int open = 0;
            for (Pair p : pairs) {
                open += p.inFlight;
            }
            if (open == 0) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** Runs {@code r} on {@code loop} and waits for it: the loop's earlier writes are visible afterwards. */
    static void sync(EventLoop loop, Runnable r) throws InterruptedException {
        java.util.concurrent.CountDownLatch l = new java.util.concurrent.CountDownLatch(1);
        loop.execute(() -> {
            try {
                r.run();
            } finally {
                l.countDown();
            }
        });
        l.await();
    }

    private Report report(double cpu) {
        List<Samples> acks = new ArrayList<>();
        List<Samples> e2es = new ArrayList<>();
        long completed = 0;
        long errors = 0;
        long unfinished = 0;
        for (Pair p : pairs) {
            acks.add(p.ack);
            e2es.add(p.e2e);
            completed += p.completed;
            errors += p.errors;
            unfinished += p.inFlight;
        }
        Samples ack = Samples.merge(acks);
        Samples e2e = Samples.merge(e2es);
        Report r = LoadTool.header(o).put("pairs", o.pairs()).put("window", o.window()).put("body_bytes", o.size())
                .put("seconds", o.duration()).put("messages", completed).put("msgs_per_s", completed / o.duration());
        r.put("ack_p50_us", ack.micros(0.50)).put("ack_p90_us", ack.micros(0.90)).put("ack_p99_us", ack.micros(0.99))
                .put("ack_max_us", ack.maxMicros());
        r.put("e2e_p50_us", e2e.micros(0.50)).put("e2e_p90_us", e2e.micros(0.90)).put("e2e_p99_us", e2e.micros(0.99))
                .put("e2e_max_us", e2e.maxMicros());
        r.put("over_40ms", e2e.atLeast(STALL_NANOS) + ack.atLeast(STALL_NANOS)).put("errors", errors)
                .put("unfinished", unfinished);
        LoadTool.cpu(r, cpu, completed);
        return r;
    }

    /** One A/B pair; used on its loop's thread only (inFlight is read by the drain wait). */
    private final class Pair {
        final Establisher.Authed a;
        final Establisher.Authed b;
        final byte[] body;
        final String paths;
        final String tidPrefix = Frames.random(6) + "t";
        final String midPrefix = Frames.random(6) + "m";
        final long[] sentAt;
        final long[] seqs;
        final byte[] state;
        final int mask;
        final Samples ack = new Samples();
        final Samples e2e = new Samples();
        long next;
        volatile int inFlight;
        long completed;
        long errors;
        MsrpHead aLast;
        String bTid;
        String bMid;
        String bFrom;

        Pair(int index, Establisher.Authed a, Establisher.Authed b, byte[] body) {
            this.a = a;
            this.b = b;
            this.body = body;
            this.paths = "To-Path: " + toPath(a.session(), b.session()) + "\r\nFrom-Path: " + a.session().ownUri() + "\r\n";
            int cap = Integer.highestOneBit(Math.max(16, o.window() * 4) - 1) << 1;
            sentAt = new long[cap];
            seqs = new long[cap];
            state = new byte[cap];
            mask = cap - 1;
        }

        void start() {
            a.conn().listener(new MsrpConn.Listener() {
                @Override
                public void onHead(MsrpConn c, MsrpHead h) {
                    aLast = h;
                }

                @Override
                public void onEnd(MsrpConn c, char flag) {
                    onAEnd();
                }

                @Override
                public void onClosed(MsrpConn c, String why) {
                    lost("A", why);
                }
            });
            b.conn().listener(new MsrpConn.Listener() {
                @Override
                public void onHead(MsrpConn c, MsrpHead h) {
                    onBHead(h);
                }

                @Override
                public void onEnd(MsrpConn c, char flag) {
                    onBEnd(flag);
                }

                @Override
                public void onClosed(MsrpConn c, String why) {
                    lost("B", why);
                }
            });
            fill();
        }

        private void lost(String side, String why) {
            if (!stopSending) {
                LoadTool.fail("pair connection " + side + " lost: " + why);
            }
        }

        void fill() {
            while (inFlight < o.window() && !stopSending && state[(int) (next & mask)] == 0) {
                sendOne();
            }
        }

        private void sendOne() {
            long seq = next++;
            String id = Long.toString(seq, 36);
            String tid = tidPrefix + id;
            byte[] head = Frames.sendHead(tid, paths, midPrefix + id, 1, body.length, body.length);
            byte[] tail = Frames.endLine(tid, '$');
            byte[] frame = Arrays.copyOf(head, head.length + body.length + tail.length);
            System.arraycopy(body, 0, frame, head.length, body.length);
            System.arraycopy(tail, 0, frame, head.length + body.length, tail.length);
            int slot = (int) (seq & mask);
            seqs[slot] = seq;
            state[slot] = SENT;
            inFlight++;
            sentAt[slot] = System.nanoTime();
            a.conn().send(ByteBuffer.wrap(frame));
        }

        void onAEnd() {
            MsrpHead h = aLast;
            aLast = null;
            if (h == null || !h.isResponse()) {
                return;
            }
            long seq = parse(h.transactionId(), tidPrefix);
            if (h.status() != 200) {
                errors++;
                if (errors == 1) {
                    LoadTool.progress("msgs: SEND answered %d %s", h.status(), h.comment());
                }
                if (seq >= 0) {
                    mark(seq, ACK | DELIVERED, System.nanoTime(), false);
                }
                return;
            }
            mark(seq, ACK, System.nanoTime(), true);
        }

        void onBHead(MsrpHead h) {
            if (h.isRequest() && h.isMethod("SEND")) {
                bTid = h.transactionId();
                bMid = h.header("Message-ID");
                bFrom = h.fromPath().get(0).toString();
            } else {
                bTid = null;
            }
        }

        void onBEnd(char flag) {
            if (bTid == null) {
                return;
            }
            b.conn().send(Frames.ok(bTid, bFrom, b.session().ownUri()));
            bTid = null;
            if (flag == '$' && bMid != null) {
                mark(parse(bMid.trim(), midPrefix), DELIVERED, System.nanoTime(), true);
            }
        }

        private void mark(long seq, int bit, long now, boolean ok) {
            int slot = (int) (seq & mask);
            if (seq < 0 || seqs[slot] != seq || state[slot] == 0) {
                errors++;
                return;
            }
            boolean counted = sentAt[slot] >= warmEnd && now <= end;
            if (ok && counted) {
                (bit == ACK ? ack : e2e).add(now - sentAt[slot]);
                if (now - sentAt[slot] >= STALL_NANOS) {
                    LoadTool.progress("msgs: %s of SEND %d after %.1f ms (wall clock %s)", bit == ACK ? "200" : "delivery", seq,
                            (now - sentAt[slot]) / 1e6, java.time.LocalTime.now());
                }
            }
            state[slot] |= bit;
            if ((state[slot] & (ACK | DELIVERED)) == (ACK | DELIVERED)) {
                state[slot] = 0;
                inFlight--;
                completedTotal.incrementAndGet();
                if (ok && now >= warmEnd && now <= end) {
                    completed++;
                }
                fill();
            }
        }
    }

    static long parse(String id, String prefix) {
        if (id == null || !id.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(prefix.length()), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A's Use-Path, then B's in reverse, then B (RFC 4976 section 6). */
    static String toPath(AuthFlow.Session a, AuthFlow.Session b) {
        List<String> bUse = new ArrayList<>(AuthFlow.split(b.usePath()));
        java.util.Collections.reverse(bUse);
        return a.usePath() + " " + String.join(" ", bUse) + " " + b.ownUri();
    }
}
