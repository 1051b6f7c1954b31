package org.msrprelay.bench.load;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens and authenticates {@code total} connections, at most {@code concurrency} handshakes at a
 * time; connection {@code i} runs on loop {@code i % loops} (so pair members 2p and 2p+1 share one
 * when the loop count divides 2) and uses user {@code i} of the list.
 */
final class Establisher {
    /** An authenticated connection. */
    record Authed(MsrpConn conn, AuthFlow.Session session) {
    }

    private final Options o;
    private final List<EventLoop> loops;
    private final int total;
    private final int concurrency;
    private final InetSocketAddress addr;
    private final Authed[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final CountDownLatch done;
    private volatile String firstFailure;

    Establisher(Options o, List<EventLoop> loops, int total, int concurrency) {
        this.o = o;
        this.loops = loops;
        this.total = total;
        this.concurrency = concurrency;
        this.addr = new InetSocketAddress(o.host(), o.port());
        this.results = new Authed[total];
        this.done = new CountDownLatch(total);
    }

    /** The loop connection {@code i} belongs to. */
    EventLoop loopOf(int i) {
        return loops.get((i / 2) % loops.size());
    }

    /** Blocks until every connection has authenticated or failed, or the time is up; entries of failures are null. */
    Authed[] run(double timeoutSeconds) throws InterruptedException {
        for (int k = 0; k < Math.min(concurrency, total); k++) {
            startNext();
        }
        long last = System.nanoTime();
        long deadline = last + (long) (timeoutSeconds * 1e9);
        while (!done.await(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                break;
            }
            LoadTool.progress("auth: %d of %d sessions up, %d failed", total - done.getCount() - failures.get(), total,
                    failures.get());
        }
        if (failures.get() > 0) {
            LoadTool.progress("auth: %d failures, first: %s", failures.get(), firstFailure);
        }
        return results;
    }

    int failures() {
        return failures.get() + (int) done.getCount();
    }

    String firstFailure() {
        return firstFailure;
    }

    private void startNext() {
        int i = next.getAndIncrement();
        if (i >= total) {
            return;
        }
        EventLoop loop = loopOf(i);
        loop.execute(() -> loop.connect(addr, o.tls(), false, new AuthFlow(o, o.user(i), AuthFlow.clientUri("c" + i),
                new AuthFlow.Outcome() {
                    @Override
                    public void authed(MsrpConn c, AuthFlow.Session s) {
                        results[i] = new Authed(c, s);
                        c.listener(new MsrpConn.Listener() {
                        });
                        done.countDown();
                        startNext();
                    }

                    @Override
                    public void failed(MsrpConn c, String why) {
                        if (failures.getAndIncrement() == 0) {
                            firstFailure = why;
                        }
                        c.close(why);
                        done.countDown();
                        startNext();
                    }
                })));
    }
}
