package org.msrprelay.bench.load;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.msrprelay.codec.MsrpHead;

/**
 * {@code bulk}: N pairs; A sends messages of {@code --size} bytes, each cut into SEND chunks of at
 * most {@code --chunk} bytes with a transaction each (Byte-Range, {@code +} on all but the last),
 * keeping at most W chunks outstanding (outstanding: no 200 yet at A, or not all bytes at B). The
 * body of a chunk is written as the socket takes it, so a chunk may be any size. Measured: body
 * bytes arriving at B per second after the warm-up.
 */
final class BulkRun {
    static final int SLICE = 64 * 1024;
    static final int QUEUE = 256 * 1024;
    /** Body bytes: random (like a compressed file), or letters with {@code --body text}; neither contains an end-line. */
    private static ByteBuffer pattern = pattern(false);

    private final Options o;
    private final List<EventLoop> loops;
    private final List<Pair> pairs = new ArrayList<>();
    private final AtomicLong deliveredTotal = new AtomicLong();
    private long warmEnd;
    private long end;
    private volatile boolean stopSending;

    BulkRun(Options o, List<EventLoop> loops) {
        this.o = o;
        this.loops = loops;
    }

    static ByteBuffer pattern(boolean text) {
        byte[] b = new byte[SLICE];
        if (text) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ('a' + i % 26);
            }
        } else {
            new java.util.Random(4975).nextBytes(b);
        }
        return ByteBuffer.wrap(b).asReadOnlyBuffer();
    }

    static void useText(boolean text) {
        pattern = pattern(text);
    }

    static ByteBuffer slice(long n) {
        ByteBuffer d = pattern.duplicate();
        d.limit((int) Math.min(SLICE, n));
        return d;
    }

    Report run() throws InterruptedException {
        useText(o.textBody());
        Establisher est = new Establisher(o, loops, 2 * o.pairs(), Math.min(2 * o.pairs(), 64));
        Establisher.Authed[] up = est.run(60);
        if (est.failures() > 0) {
            LoadTool.fail(est.failures() + " of " + 2 * o.pairs() + " AUTHs failed, first: " + est.firstFailure());
        }
        long start = System.nanoTime();
        warmEnd = start + (long) (o.warmup() * 1e9);
        end = warmEnd + (long) (o.duration() * 1e9);
        for (int p = 0; p < o.pairs(); p++) {
            Pair pair = new Pair(up[2 * p], up[2 * p + 1]);
            pairs.add(pair);
            est.loopOf(2 * p).execute(pair::start);
        }
        LoadTool.progress("bulk: %d pairs, %d-byte messages in chunks of %d, window %d chunks", o.pairs(), o.size(), o.chunk(),
                o.window());
        double cpu = LoadTool.measure(o, warmEnd, end, LoadTool.megabytesPerSecond("bulk", deliveredTotal::get, warmEnd));
        stopSending = true;
        for (Pair p : pairs) {
            MsgsRun.sync(p.a.conn().loop(), () -> {
                p.a.conn().close("done");
                p.b.conn().close("done");
            });
        }
        long bytes = 0;
        long chunks = 0;
        long errors = 0;
        List<Samples> acks = new ArrayList<>();
        for (Pair p : pairs) {
            bytes += p.measured;
            chunks += p.chunksDone;
            errors += p.errors;
            acks.add(p.ack);
        }
        Samples ack = Samples.merge(acks);
        Report r = LoadTool.header(o).put("pairs", o.pairs()).put("window", o.window()).put("message_bytes", o.size()).put("body", o.textBody() ? "text" : "binary")
                .put("chunk_bytes", o.chunk()).put("seconds", o.duration()).put("bytes", bytes)
                .put("mb_per_s", bytes / o.duration() / 1e6).put("chunks", chunks)
                .put("chunk_ack_p50_us", ack.micros(0.5)).put("chunk_ack_p99_us", ack.micros(0.99)).put("errors", errors);
        LoadTool.cpu(r, cpu, bytes / 1e6);
        return r;
    }

    /** A chunk on its way: where it ends in A's byte stream, and whether its 200 came. */
    private static final class Chunk {
        long seq;
        long cumEnd;
        long sentAt;
        boolean acked;
        boolean failed;
    }

    private final class Pair {
        final Establisher.Authed a;
        final Establisher.Authed b;
        final String paths;
        final String tidPrefix = Frames.random(6) + "t";
        final Chunk[] ring;
        final int mask;
        final Samples ack = new Samples();
        long nextSeq;
        long oldest;
        long message;
        long offsetInMessage;
        long cumSent;
        /** Body bytes of the chunk being written that are still to go; -1 when none is open. */
        long bodyLeft = -1;
        String openTid;
        char openFlag;
        long delivered;
        long measured;
        long chunksDone;
        long errors;
        MsrpHead aLast;
        String bTid;
        String bFrom;

        Pair(Establisher.Authed a, Establisher.Authed b) {
            this.a = a;
            this.b = b;
            this.paths = "To-Path: " + MsgsRun.toPath(a.session(), b.session()) + "\r\nFrom-Path: " + a.session().ownUri()
                    + "\r\n";
            int cap = Integer.highestOneBit(Math.max(4, o.window()) * 2 - 1) << 1;
            ring = new Chunk[cap];
            for (int i = 0; i < cap; i++) {
                ring[i] = new Chunk();
            }
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
                public void onDrained(MsrpConn c) {
                    produce();
                }

                @Override
                public void onClosed(MsrpConn c, String why) {
                    lost("A", why);
                }
            });
            b.conn().listener(new MsrpConn.Listener() {
                @Override
                public void onHead(MsrpConn c, MsrpHead h) {
                    if (h.isRequest() && h.isMethod("SEND")) {
                        bTid = h.transactionId();
                        bFrom = h.fromPath().get(0).toString();
                    } else {
                        bTid = null;
                    }
                }

                @Override
                public void onBody(MsrpConn c, ByteBuffer data) {
                    onBBody(data.remaining());
                }

                @Override
                public void onEnd(MsrpConn c, char flag) {
                    if (bTid != null) {
                        b.conn().send(Frames.ok(bTid, bFrom, b.session().ownUri()));
                        bTid = null;
                    }
                }

                @Override
                public void onClosed(MsrpConn c, String why) {
                    lost("B", why);
                }
            });
            produce();
        }

        private void lost(String side, String why) {
            if (!stopSending) {
                LoadTool.fail("pair connection " + side + " lost: " + why);
            }
        }

        /** Writes chunk heads, body and end-lines while the window and A's queue allow. */
        void produce() {
            while (!stopSending && a.conn().isOpen() && a.conn().queued() < QUEUE) {
                if (bodyLeft < 0) {
                    if (nextSeq - oldest >= o.window() || nextSeq - oldest > mask) {
                        return;
                    }
                    openChunk();
                } else if (bodyLeft > 0) {
                    ByteBuffer s = slice(bodyLeft);
                    bodyLeft -= s.remaining();
                    a.conn().send(s);
                } else {
                    a.conn().send(Frames.endLine(openTid, openFlag));
                    bodyLeft = -1;
                }
            }
        }

        private void openChunk() {
            long seq = nextSeq++;
            long len = Math.min(o.chunk(), o.size() - offsetInMessage);
            String tid = tidPrefix + Long.toString(seq, 36);
            boolean last = offsetInMessage + len == o.size();
            a.conn().send(Frames.sendHead(tid, paths, tidPrefix + "m" + Long.toString(message, 36), offsetInMessage + 1,
                    offsetInMessage + len, o.size()));
            Chunk c = ring[(int) (seq & mask)];
            c.seq = seq;
            c.acked = false;
            c.failed = false;
            c.sentAt = System.nanoTime();
            cumSent += len;
            c.cumEnd = cumSent;
            openTid = tid;
            openFlag = last ? '$' : '+';
            bodyLeft = len;
            if (last) {
                message++;
                offsetInMessage = 0;
            } else {
                offsetInMessage += len;
            }
        }

        void onAEnd() {
            MsrpHead h = aLast;
            aLast = null;
            if (h == null || !h.isResponse()) {
                return;
            }
            long seq = MsgsRun.parse(h.transactionId(), tidPrefix);
            Chunk c = seq >= oldest && seq < nextSeq ? ring[(int) (seq & mask)] : null;
            if (c == null || c.seq != seq) {
                errors++;
                return;
            }
            long now = System.nanoTime();
            if (h.status() != 200) {
                errors++;
                c.failed = true;
                if (errors == 1) {
                    LoadTool.progress("bulk: chunk answered %d %s", h.status(), h.comment());
                }
            } else if (c.sentAt >= warmEnd && now <= end) {
                ack.add(now - c.sentAt);
            }
            c.acked = true;
            settle();
        }

        void onBBody(int n) {
            delivered += n;
            deliveredTotal.addAndGet(n);
            long now = System.nanoTime();
            if (now >= warmEnd && now <= end) {
                measured += n;
            }
            settle();
        }

        private void settle() {
            boolean freed = false;
            while (oldest < nextSeq) {
                Chunk c = ring[(int) (oldest & mask)];
                if (!c.acked || (delivered < c.cumEnd && !c.failed)) {
                    break;
                }
                oldest++;
                chunksDone++;
                freed = true;
            }
            if (freed) {
                produce();
            }
        }
    }
}
