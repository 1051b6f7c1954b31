package org.msrprelay.bench.load;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bulk --raw}: the baseline for bulk. This tool listens on {@code --sink-port} (127.0.0.1) and
 * discards what arrives; N connections to {@code --host:--port} (a TCP pipe such as socat forwarding
 * to the sink, or the sink itself) write letters as fast as the socket takes them, in writes of at
 * most 64 KiB, through the same event loop code as the MSRP modes. Measured: bytes at the sink per
 * second after the warm-up.
 */
final class RawRun {
    private final Options o;
    private final List<EventLoop> loops;
    private final AtomicLong received = new AtomicLong();
    private final List<MsrpConn> senders = java.util.Collections.synchronizedList(new ArrayList<>());
    private long warmEnd;
    private long end;
    private volatile long measured;
    private volatile boolean stop;

    RawRun(Options o, List<EventLoop> loops) {
        this.o = o;
        this.loops = loops;
    }

    Report run() throws Exception {
        BulkRun.useText(o.textBody());
        EventLoop sinkLoop = loops.get(0);
        int sinkPort = sinkLoop.listen(o.sinkPort(), c -> c.listener(new MsrpConn.Listener() {
            @Override
            public void onBody(MsrpConn conn, ByteBuffer data) {
                int n = data.remaining();
                received.addAndGet(n);
                long now = System.nanoTime();
                if (now >= warmEnd && now <= end) {
                    measured += n;
                }
            }
        }));
        LoadTool.progress("bulk --raw: sink on 127.0.0.1:%d; %d streams to %s:%d", sinkPort, o.pairs(), o.host(), o.port());
        long start = System.nanoTime();
        warmEnd = start + (long) (o.warmup() * 1e9);
        end = warmEnd + (long) (o.duration() * 1e9);
        InetSocketAddress addr = new InetSocketAddress(o.host(), o.port());
        for (int i = 0; i < o.pairs(); i++) {
            EventLoop loop = loops.get(i % loops.size());
            loop.execute(() -> senders.add(loop.connect(addr, false, true, new MsrpConn.Listener() {
                @Override
                public void onOpen(MsrpConn c) {
                    produce(c);
                }

                @Override
                public void onDrained(MsrpConn c) {
                    produce(c);
                }

                @Override
                public void onClosed(MsrpConn c, String why) {
                    if (!stop) {
                        LoadTool.fail("raw stream lost: " + why);
                    }
                }
            })));
        }
        double cpu = LoadTool.measure(o, warmEnd, end, LoadTool.megabytesPerSecond("bulk --raw", received::get, warmEnd));
        stop = true;
        for (MsrpConn c : new ArrayList<>(senders)) {
            MsgsRun.sync(c.loop(), () -> c.close("done"));
        }
        MsgsRun.sync(sinkLoop, () -> {
        });
        long bytes = measured;
        Report r = LoadTool.header(o).put("pairs", o.pairs()).put("write_bytes", Math.min(o.chunk(), BulkRun.SLICE))
                .put("seconds", o.duration()).put("bytes", bytes).put("mb_per_s", bytes / o.duration() / 1e6)
                .put("sink_port", sinkPort);
        LoadTool.cpu(r, cpu, bytes / 1e6);
        return r;
    }

    private void produce(MsrpConn c) {
        while (!stop && c.isOpen() && c.queued() < BulkRun.QUEUE) {
            c.send(BulkRun.slice(Math.min(o.chunk(), BulkRun.SLICE)));
        }
    }
}
