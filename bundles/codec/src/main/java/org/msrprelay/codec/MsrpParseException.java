package org.msrprelay.codec;

import java.util.List;

/**
 * A message that breaks the grammar or a limit. It carries what a relay needs to answer: the MSRP
 * status to send (0 when none can be sent), the transaction id and the paths parsed so far, and
 * whether the connection must be closed because the byte stream can no longer be framed.
 */
public class MsrpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String transactionId;
    private final transient List<MsrpUri> toPath;
    private final transient List<MsrpUri> fromPath;
    private final boolean mustClose;
    private final boolean request;

    public MsrpParseException(String message, int status, String transactionId, boolean request, List<MsrpUri> toPath,
                              List<MsrpUri> fromPath, boolean mustClose) {
        super(message);
        this.status = status;
        this.transactionId = transactionId;
        this.request = request;
        this.toPath = toPath == null ? List.of() : List.copyOf(toPath);
        this.fromPath = fromPath == null ? List.of() : List.copyOf(fromPath);
        this.mustClose = mustClose;
    }

    /** The status to answer (400, 413, ...), or 0 when no answer is possible. */
    public int status() {
        return status;
    }

    /** The transaction id of the broken message, or {@code null} when the start line was unusable. */
    public String transactionId() {
        return transactionId;
    }

    /** Whether the broken message was a request (only requests get answers). */
    public boolean isRequest() {
        return request;
    }

    public List<MsrpUri> toPath() {
        return toPath;
    }

    public List<MsrpUri> fromPath() {
        return fromPath;
    }

    /** The stream cannot be resynchronised: the connection must close (after the answer, if any). */
    public boolean mustClose() {
        return mustClose;
    }

    /** Whether an error response can be addressed: a request with a known transaction and From-Path. */
    public boolean answerable() {
        return status != 0 && request && transactionId != null && !fromPath.isEmpty() && !toPath.isEmpty();
    }
}
