package org.msrprelay.relay.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.msrprelay.codec.MsrpHead;

/**
 * The relay's state for one link: the settings generation captured when it was opened, the
 * session authenticated on it (client leg), the message being received, and the requests
 * forwarded on it that await responses. Events for one connection are handled under its monitor.
 */
final class Connection {
    final Link link;
    final Generation gen;
    final boolean outbound;
    final long openedAt = System.currentTimeMillis();

    /** The session whose client authenticated on this connection. */
    RelaySession owned;
    int authFailures;
    boolean authPending;
    final ArrayDeque<Object> deferred = new ArrayDeque<>();
    /** Set (under the monitor) when the link has gone; nothing may be attached to the connection after that. */
    boolean closed;
    /** Set once anything valid happened; a connection without it is closed at the unauthenticated timeout. */
    volatile boolean valid;
    /** The check for {@link #valid} at the unauthenticated timeout; cancelled when the connection closes. */
    volatile ScheduledFuture<?> unauthenticatedTimer;

    /** Where the body of the message being received goes. */
    MsrpHead currentHead;
    Stream currentStream;
    ByteArrayOutputStream currentBuffer;
    boolean discarding;

    final Map<String, PendingTx> pending = new ConcurrentHashMap<>();
    /** Sessions that use this connection as the leg towards their far side. */
    final Set<RelaySession> peerOf = ConcurrentHashMap.newKeySet();

    Connection(Link link, Generation gen, boolean outbound) {
        this.link = link;
        this.gen = gen;
        this.outbound = outbound;
        link.connection = this;
    }

    RelaySettings settings() {
        return gen.settings();
    }

    void resetCurrent() {
        currentHead = null;
        currentStream = null;
        currentBuffer = null;
        discarding = false;
    }

    @Override
    public String toString() {
        return link.remote() + (owned != null ? " session " + owned.id : "");
    }
}
