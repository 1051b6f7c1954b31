package org.msrprelay.relay.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;

/** A link over a MINA socket session; an outbound link queues writes until its connection is up. */
final class MinaLink extends Link {
    private volatile IoSession session;
    /** Writes made before an outbound connection is up; null once attached (and always for inbound links). */
    private List<Object> early;
    private long earlyBytes;
    private boolean closeRequested;
    private volatile boolean closed;
    private final boolean secure;
    private volatile String remote;

    MinaLink(IoSession session, boolean secure) {
        this.peerHost = null;
        this.peerPort = -1;
        this.session = session;
        this.secure = secure;
        this.remote = text(session.getRemoteAddress());
    }

    /** An outbound link whose connection is still being made, to {@code host} as the next hop's URI names it. */
    MinaLink(String host, int port, boolean secure) {
        this.secure = secure;
        this.remote = host + ":" + port;
        this.peerHost = host;
        this.peerPort = port;
        this.early = new ArrayList<>();
    }

    /** The next hop's host and port as its URI names them (for TLS server name and verification), or null. */
    final String peerHost;
    final int peerPort;

    static String text(SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress i = (InetSocketAddress) a;
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /** The connection is up: write what was queued, in order. */
    void attach(IoSession s) {
        synchronized (this) {
            session = s;
            remote = text(s.getRemoteAddress());
            for (Object o : early) {
                s.write(o);
            }
            early = null;
            earlyBytes = 0;
            if (closeRequested) {
                s.closeOnFlush();
            }
        }
    }

    IoSession session() {
        return session;
    }

    @Override
    void send(Object message) {
        WireLog.log("->", this, message);
        IoSession s = session;
        if (s == null) {
            synchronized (this) {
                if (session == null) {
                    if (!closed) {
                        early.add(message);
                        earlyBytes += LoopbackLink.size(message);
                    }
                    return;
                }
                s = session;
            }
        }
        s.write(message);
    }

    @Override
    long queuedBytes() {
        IoSession s = session;
        return s != null ? s.getScheduledWriteBytes() : earlyBytes;
    }

    @Override
    void suspendRead() {
        IoSession s = session;
        if (s != null) {
            s.suspendRead();
        }
    }

    /**
     * MINA turns read interest back on from the calling thread without waking the session's
     * selector, which then sleeps up to its 1 s select timeout when nothing else happens on that
     * processor (a paused bulk sender stalled for a second each time). Scheduling a flush wakes it;
     * with nothing queued the flush writes nothing.
     */
    @Override
    void resumeRead() {
        IoSession s = session;
        if (s != null) {
            s.resumeRead();
            if (s instanceof AbstractIoSession && s.isConnected() && !s.isClosing()) {
                ((AbstractIoSession) s).getProcessor().flush(s);
            }
        }
    }

    @Override
    void closeAfterFlush() {
        IoSession s;
        synchronized (this) {
            s = session;
            if (s == null) {
                closeRequested = true;
                return;
            }
        }
        s.closeOnFlush();
    }

    @Override
    void closeNow() {
        IoSession s;
        synchronized (this) {
            s = session;
            closed = true;
            if (s == null) {
                closeRequested = true;
                early = new ArrayList<>();
                return;
            }
        }
        s.closeNow();
    }

    void markClosed() {
        closed = true;
    }

    @Override
    boolean isClosed() {
        IoSession s = session;
        return closed || (s != null && (s.isClosing() || !s.isConnected()));
    }

    @Override
    boolean secure() {
        return secure;
    }

    @Override
    String remote() {
        return remote;
    }

    @Override
    String remoteIp() {
        IoSession s = session;
        if (s != null && s.getRemoteAddress() instanceof InetSocketAddress) {
            InetSocketAddress a = (InetSocketAddress) s.getRemoteAddress();
            return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        }
        return null;
    }
}
