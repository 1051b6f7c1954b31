package org.msrprelay.relay.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.msrprelay.codec.ByteRange;
import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpParseException;
import org.msrprelay.codec.MsrpSyntaxException;
import org.msrprelay.codec.MsrpUri;
import org.msrprelay.codec.ReportRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles what arrives on a connection (RFC 4976 section 7): AUTH goes to {@link AuthHandler};
 * other requests are checked against the session named by the first To-Path URI, rewritten (this
 * relay's URI moves from To-Path to the front of From-Path, new transaction id) and forwarded;
 * SEND bodies stream through as they arrive; responses travel back to the requester.
 * Called with the connection's monitor held.
 */
final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** Connection closures are logged under the engine's category, with the other connection life-cycle lines. */
    private static final Logger CONNECTIONS = LoggerFactory.getLogger(RelayEngine.class);

    private final RelayEngine engine;

    Router(RelayEngine engine) {
        this.engine = engine;
    }

    /** A route decided for one request. */
    private record Route(RelaySession session, Link target, MsrpHead out, boolean towardsClient) {
    }

    void dispatch(Connection c, Object m) {
        if (m instanceof MsrpFrame) {
            MsrpFrame f = (MsrpFrame) m;
            c.resetCurrent();
            if (isSend(f.head())) {
                send(c, f.head(), f.body(), f.flag());
            } else {
                whole(c, f.head(), f.body(), f.flag());
            }
        } else if (m instanceof MsrpHead) {
            MsrpHead h = (MsrpHead) m;
            c.resetCurrent();
            c.currentHead = h;
            if (isSend(h)) {
                send(c, h, null, '\0');
            } else {
                c.currentBuffer = new ByteArrayOutputStream();
            }
        } else if (m instanceof MsrpBodySlice) {
            body(c, ((MsrpBodySlice) m).data());
        } else if (m instanceof MsrpEndLine) {
            end(c, ((MsrpEndLine) m).flag());
        } else if (m instanceof MsrpParseException) {
            parseError(c, (MsrpParseException) m);
        }
    }

    private static boolean isSend(MsrpHead h) {
        return h.isRequest() && h.isMethod("SEND");
    }

    private void body(Connection c, ByteBuffer data) {
        Stream s = c.currentStream;
        if (s != null) {
            int n = data.remaining();
            s.received += n;
            countBytes(s.session, s.towardsClient, n);
            if (!s.abortedByPeer) {
                s.target.writer.slice(s, data);
                s.target.writer.applyBackPressure(c, c.settings().sessionQueueBytes());
            }
        } else if (c.currentBuffer != null) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            c.currentBuffer.write(b, 0, b.length);
        }
    }

    private void end(Connection c, char flag) {
        Stream s = c.currentStream;
        MsrpHead h = c.currentHead;
        ByteArrayOutputStream buf = c.currentBuffer;
        c.resetCurrent();
        if (s != null) {
            s.target.writer.end(s, flag);
            hopByHop(c, s.upstream, s.abortedByPeer);
        } else if (buf != null && h != null) {
            whole(c, h, ByteBuffer.wrap(buf.toByteArray()), flag);
        }
    }

    private void countMessage(Route r) {
        engine.stats.messagesRelayed.increment();
        r.session.countMessage(r.towardsClient);
    }

    private void countBytes(RelaySession session, boolean towardsClient, long n) {
        engine.stats.bytesRelayed.add(n);
        session.countBytes(towardsClient, n);
    }

    // ---- SEND ------------------------------------------------------------------------------

    /** A SEND head; {@code body} is null while the body is still to come. */
    private void send(Connection c, MsrpHead h, ByteBuffer body, char flag) {
        ReportRequest fr;
        ByteRange range;
        String messageId;
        try {
            messageId = h.messageId();
            range = h.byteRange();
            fr = h.failureReport();
            h.successReport();
        } catch (MsrpSyntaxException e) {
            reject(c, h, 400, e.getMessage());
            return;
        }
        if (messageId == null || range == null) {
            reject(c, h, 400, messageId == null ? "SEND without Message-ID" : "SEND without Byte-Range");
            return;
        }
        Route r = route(c, h);
        if (r == null) {
            return;
        }
        if (r.session.abortedMessageIds.contains(messageId)) {
            reject(c, h, 413, "Message aborted by the receiver");
            return;
        }
        countMessage(r);
        PendingTx tx = fr == ReportRequest.NO ? null
                : new PendingTx(engine, c, h, true, fr, r.session, r.target);
        if (body != null) {
            int n = body.remaining();
            countBytes(r.session, r.towardsClient, n);
            MsrpFrame out = new MsrpFrame(r.out, body, flag);
            if (tx != null) {
                tx.bodyBytes = n;
                tx.addPiece(r.out.transactionId());
            }
            r.target.writer.frame(out);
            if (tx != null) {
                tx.pieceWritten(r.out.transactionId());
            }
            r.target.writer.applyBackPressure(c, c.settings().sessionQueueBytes());
            hopByHop(c, h, false);
            return;
        }
        Stream s = new Stream(c, h, r.out, range, r.target, tx, r.session, r.towardsClient);
        if (tx != null) {
            tx.stream = s;
            tx.addPiece(r.out.transactionId());
        }
        c.currentStream = s;
        r.target.writer.open(s);
    }

    /** The relay's own response to a SEND it received (RFC 4975 section 7.2: hop by hop). */
    private void hopByHop(Connection c, MsrpHead upstream, boolean refused) {
        ReportRequest fr;
        try {
            fr = upstream.failureReport();
        } catch (MsrpSyntaxException e) {
            return;
        }
        if (refused) {
            if (fr != ReportRequest.NO) {
                c.link.writer.frame(Replies.response(upstream, 413, "Message aborted by the receiver"));
                engine.stats.countError(413);
            }
        } else if (fr == ReportRequest.YES) {
            c.link.writer.frame(Replies.response(upstream, 200, "OK"));
        }
    }

    // ---- other requests and responses ------------------------------------------------------

    private void whole(Connection c, MsrpHead h, ByteBuffer body, char flag) {
        if (h.isResponse()) {
            response(c, h);
            return;
        }
        if (h.isMethod("AUTH") && h.toPath().size() == 1) {
            engine.auth.handle(c, h);
            return;
        }
        boolean report = h.isMethod("REPORT");
        boolean known = report || h.isMethod("NICKNAME") || h.isMethod("AUTH");
        if (!known && !c.settings().allowOtherMethods()) {
            reject(c, h, 501, "Unknown method " + h.method());
            return;
        }
        ReportRequest fr;
        try {
            fr = h.failureReport();
            if (report) {
                h.statusHeader();
            }
        } catch (MsrpSyntaxException e) {
            reject(c, h, 400, e.getMessage());
            return;
        }
        Route r = route(c, h);
        if (r == null) {
            return;
        }
        countMessage(r);
        boolean expectResponse = !report && fr != ReportRequest.NO;
        engine.forwardFrame(c, h, new MsrpFrame(r.out, h.hasBody() ? body : null, flag), r.session, r.target,
                expectResponse, fr);
        r.target.writer.applyBackPressure(c, c.settings().sessionQueueBytes());
    }

    /** A response from the next hop: hop-by-hop ones are settled here, others go back to the requester. */
    private void response(Connection c, MsrpHead h) {
        PendingTx tx = c.pending.remove(h.transactionId());
        if (tx == null) {
            LOG.debug("response {} {} on {} matches no transaction; dropped", h.transactionId(), h.status(), c.link.remote());
            return;
        }
        tx.settle(h.transactionId());
        if (tx.send) {
            if (h.status() == 200) {
                return;
            }
            if (h.status() == 413) {
                refuseMessage(tx);
            }
            Stream s = tx.stream;
            if (h.status() == 413 && s != null && !s.done) {
                return; // the sender gets the 413 as the response to its chunk
            }
            engine.failPending(tx, h.transactionId(), h.status(), h.comment());
            return;
        }
        if (tx.source.link.isClosed()) {
            return;
        }
        List<MsrpUri> to = h.toPath().size() > 1 ? h.toPath().subList(1, h.toPath().size())
                : List.of(tx.request.fromPath().get(0));
        List<MsrpUri> from = new ArrayList<>(h.fromPath().size() + 1);
        from.add(tx.request.toPath().get(0));
        from.addAll(h.fromPath());
        tx.source.link.writer.frame(new MsrpFrame(h.withTransactionId(tx.request.transactionId()).withPaths(to, from), null, '$'));
    }

    /** Downstream answered 413: stop this message (RFC 4975 section 7.1.4). */
    private void refuseMessage(PendingTx tx) {
        String messageId = tx.request.header("Message-ID");
        if (messageId != null && tx.session != null) {
            tx.session.abortedMessageIds.add(messageId.trim());
        }
        Stream s = tx.stream;
        if (s != null) {
            s.abortedByPeer = true;
            s.target.writer.abort(s);
        }
    }

    // ---- routing ---------------------------------------------------------------------------

    /**
     * Checks a request against the session its first To-Path URI names and decides where it goes.
     * Answers the request itself (481, 506) and returns {@code null} when it may not be relayed.
     */
    private Route route(Connection c, MsrpHead h) {
        MsrpUri self = h.toPath().get(0);
        RelaySession s = engine.session(self.sessionId());
        if (s == null || s.closed || !s.relayUri.equals(self)) {
            reject(c, h, 481, "Session Does Not Exist");
            return null;
        }
        if (s.expired) {
            reject(c, h, 481, "Session expired");
            c.link.closeAfterFlush();
            return null;
        }
        List<MsrpUri> rest = h.toPath().subList(1, h.toPath().size());
        List<MsrpUri> from = new ArrayList<>(h.fromPath().size() + 1);
        from.add(self);
        from.addAll(h.fromPath());
        MsrpHead out = h.withTransactionId(Ids.transactionId()).withPaths(rest, from);
        if (c == s.client) {
            if (rest.isEmpty()) {
                reject(c, h, 481, "Nowhere to relay to");
                return null;
            }
            if (!h.fromPath().equals(s.clientPath)) {
                reject(c, h, 481, "From-Path does not match session");
                return null;
            }
            // An AUTH to a further relay (RFC 4976 section 5) goes the same way but must not fix the far
            // path: the session id it leads to is only known after that relay answers.
            boolean auth = h.isMethod("AUTH");
            if (!auth && !s.bindFarPath(rest).equals(rest)) {
                reject(c, h, 481, "To-Path does not match session");
                return null;
            }
            Link target = s.peer();
            if (target == null) {
                target = engine.openPeer(s, rest.get(0), c.gen);
                s.setPeer(target);
            }
            return new Route(s, target, out, false);
        }
        if (c.owned != null || h.fromPath().equals(s.clientPath)) {
            reject(c, h, 506, "Session already bound to another connection");
            return null;
        }
        if (!rest.equals(s.towardsClient)) {
            reject(c, h, 481, "To-Path does not match session");
            return null;
        }
        // A request from the far side comes from the far endpoint (its whole path) or from a relay on
        // the way, e.g. its failure REPORT (From-Path: that relay only): a prefix of the far path.
        List<MsrpUri> far = s.bindFarPath(h.fromPath());
        if (h.fromPath().size() > far.size() || !far.subList(0, h.fromPath().size()).equals(h.fromPath())) {
            reject(c, h, 481, "From-Path does not match session");
            return null;
        }
        if (s.setPeerIfAbsent(c.link)) {
            c.peerOf.add(s);
        }
        c.valid = true;
        return new Route(s, s.client.link, out, true);
    }

    /** Answers a request with an error (never a REPORT, nor a request that asked for no responses); the body is dropped. */
    void reject(Connection c, MsrpHead h, int status, String comment) {
        c.discarding = true;
        engine.stats.countError(status);
        LOG.debug("{} {} from {}: {} {}", h.method(), h.transactionId(), c.link.remote(), status, comment);
        if (h.isMethod("REPORT") || h.fromPath().isEmpty()) {
            return;
        }
        try {
            if (h.failureReport() == ReportRequest.NO) {
                return;
            }
        } catch (MsrpSyntaxException e) {
            // a malformed Failure-Report is itself the error being answered
        }
        c.link.writer.frame(Replies.response(h, status, comment));
    }

    /** A broken message: it ends whatever message was being received (a stream is aborted downstream). */
    private void parseError(Connection c, MsrpParseException e) {
        Stream s = c.currentStream;
        if (s != null) {
            s.target.writer.abort(s);
        }
        c.resetCurrent();
        engine.stats.countError(e.status() == 0 ? 400 : e.status());
        if (e.answerable()) {
            c.link.writer.frame(Replies.response(
                    MsrpHead.request(e.transactionId(), "UNKNOWN", e.toPath(), e.fromPath(), List.of(), false),
                    e.status(), e.getMessage()));
        }
        if (e.mustClose()) {
            CONNECTIONS.info("closing connection: peer={} reason={}", c.link.remote(), e.getMessage());
            c.link.closeAfterFlush();
        } else {
            LOG.debug("bad message from {}: {}", c.link.remote(), e.getMessage());
        }
    }
}
