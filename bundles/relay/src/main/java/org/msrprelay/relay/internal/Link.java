package org.msrprelay.relay.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One hop's transport: a MINA socket session, or one end of an in-process loopback when both
 * clients of a session pair use this relay. Writes keep their order; {@link OutboundWriter} is the
 * only writer.
 */
abstract class Link {
    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    final OutboundWriter writer = new OutboundWriter(this);
    volatile Connection connection;

    /** Queues one codec object (MsrpFrame, MsrpHead, MsrpBodySlice, MsrpEndLine) for the wire. */
    abstract void send(Object message);

    /** Bytes written but not yet handed to the network (or to the other loopback end). */
    abstract long queuedBytes();

    abstract void suspendRead();

    abstract void resumeRead();

    /** Closes after what is queued has been written. */
    abstract void closeAfterFlush();

    abstract void closeNow();

    abstract boolean isClosed();

    abstract boolean secure();

    /** The remote address for log lines, e.g. {@code 192.0.2.7:51234}. */
    abstract String remote();

    /** The remote IP, or {@code null} for a loopback. */
    abstract String remoteIp();

    @Override
    public String toString() {
        return "link " + id + " " + remote();
    }
}
