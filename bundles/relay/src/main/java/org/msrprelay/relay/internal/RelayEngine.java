package org.msrprelay.relay.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpUri;
import org.msrprelay.codec.ReportRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's shared state and connection life cycle: the session registry, per-address limits,
 * timers, outbound and loopback links. Message handling lives in {@link Router} and
 * {@link AuthHandler}; MINA in {@link RelayIoHandler}.
 */
final class RelayEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RelayEngine.class);

    final RelayStats stats = new RelayStats();
    final Router router = new Router(this);
    final AuthHandler auth = new AuthHandler(this);
    private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final java.util.Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor scheduler;
    final ExecutorService authExecutor;
    final ExecutorService loopExecutor;
    private final Function<String, CredentialStore> backends;
    private volatile NioSocketConnector connector;

    RelayEngine(Function<String, CredentialStore> backends) {
        this.backends = backends;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "msrprelay-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.authExecutor = new ThreadPoolExecutor(2, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
                r -> daemon(r, "msrprelay-auth"));
        this.loopExecutor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "msrprelay-loopback"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void setConnector(NioSocketConnector c) {
        this.connector = c;
    }

    void shutdown() {
        scheduler.shutdownNow();
        authExecutor.shutdownNow();
        loopExecutor.shutdownNow();
    }

    CredentialStore backend(String name) {
        return backends.apply(name);
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("timer task failed", e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- connections ---------------------------------------------------------------------

    /** Admits an inbound link, or returns {@code null} (after logging why) when a limit refuses it. */
    Connection admit(Link link, Generation gen) {
        RelaySettings s = gen.settings();
        String ip = link.remoteIp();
        if (connections.size() >= s.maxConnections()) {
            LOG.warn("connection refused: peer={} reason=max_connections ({}) reached", link.remote(), s.maxConnections());
            stats.connectionsRefused.increment();
            return null;
        }
        if (ip != null) {
            AtomicInteger n = perAddress.computeIfAbsent(ip, k -> new AtomicInteger());
            if (n.incrementAndGet() > s.maxConnectionsPerAddress()) {
                n.decrementAndGet();
                LOG.warn("connection refused: peer={} reason=max_connections_per_address ({}) reached", link.remote(),
                        s.maxConnectionsPerAddress());
                stats.connectionsRefused.increment();
                return null;
            }
        }
        Connection c = register(link, gen, false);
        c.unauthenticatedTimer = schedule(() -> unauthenticatedTimeout(c), s.unauthenticatedTimeout());
        return c;
    }

    Connection register(Link link, Generation gen, boolean outbound) {
        Connection c = new Connection(link, gen, outbound);
        connections.add(c);
        stats.connectionsOpened.increment();
        return c;
    }

    private void unauthenticatedTimeout(Connection c) {
        if (!c.valid && c.owned == null && !c.link.isClosed()) {
            LOG.info("closing connection: peer={} reason=nothing valid within {} s", c.link.remote(),
                    c.settings().unauthenticatedTimeout().toSeconds());
            c.link.closeNow();
        }
    }

    /** An event for connection {@code c}; held back while an AUTH look-up of that connection runs. */
    void received(Connection c, Object message) {
        WireLog.log("<-", c.link, message);
        synchronized (c) {
            if (c.authPending) {
                c.deferred.add(message);
                return;
            }
            router.dispatch(c, message);
        }
    }

    /** Runs events held back during an AUTH look-up; the caller holds the connection's monitor. */
    void drainDeferred(Connection c) {
        while (!c.authPending && !c.deferred.isEmpty()) {
            router.dispatch(c, c.deferred.poll());
        }
    }

    /** The link is gone: settle its transactions, tear down what depended on it. */
    void closed(Connection c) {
        if (!connections.remove(c)) {
            return;
        }
        stats.connectionsClosed.increment();
        // a pending timer would keep the closed connection (MINA session, decoder) reachable for its 30 s
        ScheduledFuture<?> timer = c.unauthenticatedTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        String ip = c.outbound ? null : c.link.remoteIp();
        if (ip != null) {
            AtomicInteger n = perAddress.get(ip);
            if (n != null && n.decrementAndGet() <= 0) {
                perAddress.remove(ip, n);
            }
        }
        c.gen.digest().forgetConnection(c.link.id);
        c.link.writer.releaseAll();
        RelaySession owned;
        synchronized (c) {
            // under the monitor: an AUTH look-up finishing now sees the flag and creates no session
            c.closed = true;
            owned = c.owned;
            Stream s = c.currentStream;
            if (s != null) {
                s.target.writer.abort(s);
            }
            c.resetCurrent();
        }
        for (Map.Entry<String, PendingTx> e : c.pending.entrySet()) {
            c.pending.remove(e.getKey());
            failPending(e.getValue(), e.getKey(), 408, "Session got disconnected");
        }
        if (owned != null) {
            endSession(owned, "client disconnected");
        }
        for (RelaySession s : c.peerOf) {
            LOG.debug("session {}: far side link closed, closing the client connection", s.id);
            s.client.link.closeAfterFlush();
        }
    }

    /** A transaction failed downstream: REPORT for SENDs that asked for one, an error response for the rest. */
    void failPending(PendingTx tx, String tid, int status, String comment) {
        tx.settle(tid);
        if (!tx.markFailed() || tx.source.link.isClosed()) {
            return;
        }
        if (tx.send) {
            if (tx.failureReport != ReportRequest.NO) {
                tx.source.link.writer.frame(Replies.failureReport(tx.request, tx.bytesReceived(), status, comment));
                stats.reportsSent.increment();
            }
        } else if (tx.failureReport != ReportRequest.NO) {
            tx.source.link.writer.frame(Replies.response(tx.request, status, comment));
            stats.countError(status);
        }
    }

    void transactionTimedOut(PendingTx tx, String tid) {
        Connection c = tx.target.connection;
        if (c != null && c.pending.remove(tid, tx)) {
            LOG.debug("transaction {} on {} timed out", tid, c.link.remote());
            failPending(tx, tid, 408, tx.send ? null : Replies.reason(408));
        }
    }

    // ---- sessions ------------------------------------------------------------------------

    RelaySession session(String id) {
        return id == null ? null : sessions.get(id);
    }

    int sessionCount() {
        return sessions.size();
    }

    Collection<RelaySession> sessions() {
        return sessions.values();
    }

    int connectionCount() {
        return connections.size();
    }

    void addSession(RelaySession s) {
        sessions.put(s.id, s);
        stats.sessionsCreated.increment();
    }

    /** Schedules (or moves) the session's expiry. */
    void scheduleExpiry(RelaySession s, long seconds) {
        s.expiresAt = System.currentTimeMillis() + seconds * 1000;
        s.expired = false;
        ScheduledFuture<?> old = s.expiryTimer;
        if (old != null) {
            old.cancel(false);
        }
        s.expiryTimer = schedule(() -> expire(s), Duration.ofSeconds(seconds));
    }

    private void expire(RelaySession s) {
        if (s.closed || System.currentTimeMillis() < s.expiresAt) {
            return;
        }
        s.expired = true;
        LOG.info("session {} for {}@{} expired; closing it after {} s grace", s.id, s.user, s.realm,
                s.client.settings().unauthenticatedTimeout().toSeconds());
        s.expiryTimer = schedule(() -> {
            if (s.expired) {
                s.client.link.closeAfterFlush();
            }
        }, s.client.settings().unauthenticatedTimeout());
    }

    void endSession(RelaySession s, String reason) {
        if (s.closed) {
            return;
        }
        s.closed = true;
        sessions.remove(s.id, s);
        ScheduledFuture<?> t = s.expiryTimer;
        if (t != null) {
            t.cancel(false);
        }
        LOG.debug("session {} for {}@{} ended: {} (bytes from client {}, to client {})", s.id, s.user, s.realm, reason,
                s.bytesFromClient.sum(), s.bytesToClient.sum());
        Link peer = s.peer();
        if (peer != null) {
            Connection pc = peer.connection;
            if (pc != null) {
                pc.peerOf.remove(s);
                if ((pc.outbound || peer instanceof LoopbackLink) && pc.peerOf.isEmpty()) {
                    peer.closeAfterFlush();
                }
            }
        }
        if (!s.client.link.isClosed()) {
            s.client.link.closeAfterFlush();
        }
    }

    /** Closes one session by id (shell). */
    boolean closeSession(String id) {
        RelaySession s = sessions.get(id);
        if (s == null) {
            return false;
        }
        s.client.link.closeAfterFlush();
        endSession(s, "closed by operator");
        return true;
    }

    // ---- links towards the far side ------------------------------------------------------

    /**
     * The link a session's client traffic goes out on: a loopback when the next hop is another
     * session of this relay, else a new outbound connection.
     */
    Link openPeer(RelaySession s, MsrpUri next, Generation gen) {
        RelaySession local = session(next.sessionId());
        if (local != null && local.relayUri.equals(next)) {
            LoopbackLink[] ends = LoopbackLink.pair(this, loopExecutor, s.id);
            Connection out = register(ends[0], gen, true);
            Connection in = register(ends[1], gen, true);
            in.valid = true;
            out.valid = true;
            out.peerOf.add(s);
            return ends[0];
        }
        MinaLink link = new MinaLink(next.socketHost(), next.effectivePort(), next.secure());
        Connection out = register(link, gen, true);
        out.valid = true;
        out.peerOf.add(s);
        // name resolution may block: never on an I/O thread; writes queue in the link meanwhile
        authExecutor.execute(() -> connect(s, next, gen, link, out));
        return link;
    }

    private void connect(RelaySession s, MsrpUri next, Generation gen, MinaLink link, Connection out) {
        InetSocketAddress addr = new InetSocketAddress(next.socketHost(), next.effectivePort());
        if (addr.isUnresolved()) {
            outboundFailed(s, next, link, out, "cannot resolve " + next.socketHost());
            return;
        }
        NioSocketConnector conn = connector;
        conn.setConnectTimeoutMillis(gen.settings().connectTimeout().toMillis());
        ConnectFuture f = conn.connect(addr, (session, future) -> RelayIoHandler.prepareOutbound(session, out));
        f.addListener(done -> {
            ConnectFuture cf = (ConnectFuture) done;
            if (!cf.isConnected()) {
                Throwable cause = cf.getException();
                outboundFailed(s, next, link, out, cause == null ? "cancelled" : cause.toString());
            }
        });
    }

    private void outboundFailed(RelaySession s, MsrpUri next, MinaLink link, Connection out, String reason) {
        LOG.warn("outbound connection failed: session={} next_hop={} reason={}", s.id, next, reason);
        link.markClosed();
        closed(out);
    }

    /** Forwards a whole message (REPORT, NICKNAME, ...) and records it when a response is expected. */
    void forwardFrame(Connection source, MsrpHead upstream, MsrpFrame out, RelaySession s, Link target, boolean expectResponse,
                      ReportRequest fr) {
        PendingTx tx = null;
        if (expectResponse) {
            tx = new PendingTx(this, source, upstream, upstream.isMethod("SEND"), fr, s, target);
            tx.bodyBytes = out.body().remaining();
            tx.addPiece(out.head().transactionId());
        }
        target.writer.frame(out);
        if (tx != null) {
            tx.pieceWritten(out.head().transactionId());
        }
    }

    List<Connection> connectionsSnapshot() {
        return new ArrayList<>(connections);
    }
}
