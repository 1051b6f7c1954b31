package org.msrprelay.relay.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;

/**
 * Serialises everything written to one link. At most one SEND chunk is open at a time; a whole
 * message or another stream arriving meanwhile interrupts it (end-line {@code +}), and the interrupted
 * stream resumes as a new transaction with its Byte-Range moved on. Back-pressure: a source whose
 * writes push the queue past its session limit is paused until the queue drains below half.
 * Lock order: callers may hold a connection lock; this lock is a leaf.
 */
final class OutboundWriter {
    private final Link link;
    private Stream streaming;
    private final List<Connection> paused = new ArrayList<>(2);

    OutboundWriter(Link link) {
        this.link = link;
    }

    /** A whole message. */
    synchronized void frame(MsrpFrame f) {
        interrupt();
        link.send(f);
    }

    synchronized void slice(Stream s, ByteBuffer data) {
        if (s.done) {
            return;
        }
        ensureOpen(s);
        int n = data.remaining();
        link.send(new MsrpBodySlice(data));
        s.sent += n;
    }

    /**
     * Ends the stream with the upstream flag. A stream interrupted since its last bytes needs an empty
     * piece to carry a final {@code $} or {@code #}; for {@code +} its last piece already said "more
     * follows", so nothing is written (the seed relay emitted empty chunks here, its bug B22).
     */
    synchronized void end(Stream s, char flag) {
        if (s.done) {
            return;
        }
        s.done = true;
        if (!s.open && flag == '+') {
            return;
        }
        ensureOpen(s);
        link.send(new MsrpEndLine(s.pieceTid, flag, true));
        s.open = false;
        streaming = null;
        if (s.tx != null) {
            s.tx.pieceWritten(s.pieceTid);
        }
    }

    /** Ends the stream now with {@code #} (its sender went away or the next hop refused it). */
    synchronized void abort(Stream s) {
        if (s.done) {
            return;
        }
        s.done = true;
        if (s.open) {
            link.send(new MsrpEndLine(s.pieceTid, '#', true));
            s.open = false;
            streaming = null;
            if (s.tx != null) {
                s.tx.pieceWritten(s.pieceTid);
            }
        }
    }

    /** Writes the head of the stream's first piece. */
    synchronized void open(Stream s) {
        interrupt();
        link.send(s.outHead);
        s.open = true;
        streaming = s;
    }

    private void ensureOpen(Stream s) {
        if (s.open) {
            return;
        }
        interrupt();
        s.pieceTid = Ids.transactionId();
        MsrpHead head = s.outHead.withTransactionId(s.pieceTid).withHeader("Byte-Range", s.range.advance(s.sent).toString());
        if (s.tx != null) {
            s.tx.addPiece(s.pieceTid);
        }
        link.send(head);
        s.open = true;
        streaming = s;
    }

    private void interrupt() {
        Stream s = streaming;
        if (s != null) {
            link.send(new MsrpEndLine(s.pieceTid, '+', true));
            s.open = false;
            streaming = null;
            if (s.tx != null) {
                s.tx.pieceWritten(s.pieceTid);
            }
        }
    }

    /** Pauses {@code source} when this link's queue is over {@code limit} bytes. */
    void applyBackPressure(Connection source, int limit) {
        if (source == null || link.queuedBytes() <= limit) {
            return;
        }
        synchronized (this) {
            if (!paused.contains(source)) {
                paused.add(source);
                source.link.suspendRead();
            }
        }
        if (link.queuedBytes() <= limit / 2) {
            drained(limit);
        }
    }

    /** Called after bytes left the queue: resumes paused sources once below half the limit. */
    void drained(int limit) {
        List<Connection> resume;
        synchronized (this) {
            if (paused.isEmpty() || link.queuedBytes() > limit / 2) {
                return;
            }
            resume = new ArrayList<>(paused);
            paused.clear();
        }
        for (Connection c : resume) {
            c.link.resumeRead();
        }
    }

    /** Resumes every paused source (the link is gone). */
    void releaseAll() {
        drained(Integer.MAX_VALUE);
    }
}
