package org.msrprelay.relay.internal;

import java.util.ArrayList;
import java.util.List;

import org.msrprelay.codec.ByteRange;
import org.msrprelay.codec.Header;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpSyntaxException;
import org.msrprelay.codec.MsrpUri;

/** Responses and REPORTs the relay makes itself (RFC 4975 sections 7.2 and 7.1.2, RFC 4976 section 7). */
final class Replies {
    private Replies() {
    }

    /** A response to {@code request}: To-Path the previous hop, From-Path the URI it addressed here. */
    static MsrpFrame response(MsrpHead request, int status, String comment, List<Header> headers) {
        return new MsrpFrame(MsrpHead.response(request.transactionId(), status, comment,
                List.of(request.fromPath().get(0)), List.of(request.toPath().get(0)), headers), null, '$');
    }

    static MsrpFrame response(MsrpHead request, int status, String comment) {
        return response(request, status, comment, List.of());
    }

    /** The standard reason phrase of a status. */
    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 408: return "Request Timeout";
            case 413: return "Message Too Large";
            case 415: return "Unsupported Media Type";
            case 423: return "Interval Out-of-Bounds";
            case 481: return "Session Does Not Exist";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 506: return "Session Already Bound";
            default: return "Error";
        }
    }

    /**
     * A failure REPORT for a forwarded SEND: back along the sender's From-Path, from this relay's URI,
     * with the downstream status and the range of bytes this relay had received.
     */
    static MsrpFrame failureReport(MsrpHead send, long bytesReceived, int status, String comment) {
        List<Header> headers = new ArrayList<>(3);
        String messageId = send.header("Message-ID");
        if (messageId != null) {
            headers.add(new Header("Message-ID", messageId.trim()));
        }
        try {
            ByteRange r = send.byteRange();
            if (r != null && bytesReceived > 0) {
                headers.add(new Header("Byte-Range", r.start() + "-" + (r.start() + bytesReceived - 1) + "/"
                        + (r.total() == ByteRange.UNKNOWN ? "*" : Long.toString(r.total()))));
            }
        } catch (MsrpSyntaxException e) {
            // validated before forwarding; nothing to report
        }
        headers.add(new Header("Status", String.format("000 %03d", status) + (comment == null || comment.isEmpty() ? "" : " " + comment)));
        MsrpUri self = send.toPath().get(0);
        return new MsrpFrame(MsrpHead.request(Ids.transactionId(), "REPORT", send.fromPath(), List.of(self), headers, false),
                null, '$');
    }
}
