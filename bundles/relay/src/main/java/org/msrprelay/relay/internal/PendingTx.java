package org.msrprelay.relay.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.ReportRequest;

/**
 * A request forwarded on a link that expects a response there: each transaction id it went out
 * under (several when a chunk was interrupted) maps to it in the link connection's pending table,
 * and each has its own timeout from the moment its end-line was written.
 */
final class PendingTx {
    final RelayEngine engine;
    final Connection source;
    final MsrpHead request;
    final boolean send;
    final ReportRequest failureReport;
    final RelaySession session;
    final Link target;
    Stream stream;
    long bodyBytes;
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>(2);
    private boolean failed;

    PendingTx(RelayEngine engine, Connection source, MsrpHead request, boolean send, ReportRequest failureReport,
              RelaySession session, Link target) {
        this.engine = engine;
        this.source = source;
        this.request = request;
        this.send = send;
        this.failureReport = failureReport;
        this.session = session;
        this.target = target;
    }

    /** Registers a transaction id this request goes out under. */
    void addPiece(String tid) {
        Connection c = target.connection;
        if (c != null) {
            c.pending.put(tid, this);
        }
    }

    /** The end-line of piece {@code tid} was written: its response clock starts. */
    void pieceWritten(String tid) {
        ScheduledFuture<?> f = engine.schedule(() -> engine.transactionTimedOut(this, tid),
                source.gen.settings().transactionTimeout());
        synchronized (this) {
            timers.put(tid, f);
        }
    }

    /** A response (or the link's end) settled piece {@code tid}. */
    void settle(String tid) {
        ScheduledFuture<?> f;
        synchronized (this) {
            f = timers.remove(tid);
        }
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Only the first failure of a request produces a REPORT or an error response. */
    synchronized boolean markFailed() {
        boolean first = !failed;
        failed = true;
        return first;
    }

    long bytesReceived() {
        return stream != null ? stream.received : bodyBytes;
    }
}
