package org.msrprelay.relay.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpFrame;

/**
 * One end of an in-process hop, used when the next hop of a session is another session of this
 * relay: what one end sends the other receives, through a bounded-by-back-pressure inbox drained on
 * an executor, so the far session sees exactly what a socket would have delivered without the relay
 * connecting to itself.
 */
final class LoopbackLink extends Link {
    private static final int BATCH = 64;
    private static final Object CLOSE = new Object();

    private final RelayEngine engine;
    private final Executor executor;
    private final String name;
    private LoopbackLink other;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private long inboxBytes;
    private boolean paused;
    private boolean scheduled;
    private volatile boolean closed;

    private LoopbackLink(RelayEngine engine, Executor executor, String name) {
        this.engine = engine;
        this.executor = executor;
        this.name = name;
    }

    /** Two connected ends. */
    static LoopbackLink[] pair(RelayEngine engine, Executor executor, String name) {
        LoopbackLink a = new LoopbackLink(engine, executor, "loopback:" + name + "/out");
        LoopbackLink b = new LoopbackLink(engine, executor, "loopback:" + name + "/in");
        a.other = b;
        b.other = a;
        return new LoopbackLink[] {a, b};
    }

    static long size(Object m) {
        if (m instanceof MsrpBodySlice) {
            return ((MsrpBodySlice) m).data().remaining();
        }
        if (m instanceof MsrpFrame) {
            return ((MsrpFrame) m).body().remaining() + 256;
        }
        return 256;
    }

    @Override
    void send(Object message) {
        other.enqueue(message);
    }

    private void enqueue(Object message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            inbox.add(message);
            inboxBytes += size(message);
            if (paused || scheduled) {
                return;
            }
            scheduled = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Object m;
            synchronized (this) {
                if (paused || inbox.isEmpty() || closed) {
                    scheduled = false;
                    return;
                }
                m = inbox.poll();
                inboxBytes -= size(m);
            }
            if (m == CLOSE) {
                shutdown();
                return;
            }
            Connection c = connection;
            if (c != null) {
                engine.received(c, m);
            }
            Connection sender = other.connection;
            if (sender != null) {
                other.writer.drained(sender.settings().sessionQueueBytes());
            }
        }
        executor.execute(this::drain);
    }

    @Override
    long queuedBytes() {
        synchronized (other) {
            return other.inboxBytes;
        }
    }

    @Override
    void suspendRead() {
        synchronized (this) {
            paused = true;
        }
    }

    @Override
    void resumeRead() {
        synchronized (this) {
            paused = false;
            if (scheduled || inbox.isEmpty()) {
                return;
            }
            scheduled = true;
        }
        executor.execute(this::drain);
    }

    @Override
    void closeAfterFlush() {
        other.enqueue(CLOSE);
    }

    @Override
    void closeNow() {
        executor.execute(this::shutdown);
    }

    /** Closes both ends, each reported once to the engine. */
    private void shutdown() {
        for (LoopbackLink end : new LoopbackLink[] {this, other}) {
            boolean first;
            synchronized (end) {
                first = !end.closed;
                end.closed = true;
                end.inbox.clear();
                end.inboxBytes = 0;
            }
            if (first && end.connection != null) {
                engine.closed(end.connection);
            }
        }
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    @Override
    boolean secure() {
        return true;
    }

    @Override
    String remote() {
        return name;
    }

    @Override
    String remoteIp() {
        return null;
    }
}
