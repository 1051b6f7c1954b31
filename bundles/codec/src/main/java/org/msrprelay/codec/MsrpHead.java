package org.msrprelay.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The start line and headers of an MSRP request or response (RFC 4975 section 9), immutable.
 * <p>
 * To-Path and From-Path are held as URI lists; every other header is kept in arrival order with
 * its name and value as received, duplicates included. {@link #hasBody()} tells whether the
 * headers were followed by a blank line, i.e. whether the message carries content-stuff; the body
 * itself never enters this object.
 */
public final class MsrpHead {
    private final String transactionId;
    private final String method;
    private final int status;
    private final String comment;
    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;
    private final List<Header> headers;
    private final boolean hasBody;

    private MsrpHead(String transactionId, String method, int status, String comment, List<MsrpUri> toPath,
                     List<MsrpUri> fromPath, List<Header> headers, boolean hasBody) {
        this.transactionId = Objects.requireNonNull(transactionId);
        this.method = method;
        this.status = status;
        this.comment = comment;
        this.toPath = List.copyOf(toPath);
        this.fromPath = List.copyOf(fromPath);
        this.headers = List.copyOf(headers);
        this.hasBody = hasBody;
    }

    /** A request head. */
    public static MsrpHead request(String transactionId, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath,
                                   List<Header> headers, boolean hasBody) {
        return new MsrpHead(transactionId, Objects.requireNonNull(method), 0, null, toPath, fromPath, headers, hasBody);
    }

    /** A response head; {@code comment} may be {@code null}. Responses carry no body. */
    public static MsrpHead response(String transactionId, int status, String comment, List<MsrpUri> toPath,
                                    List<MsrpUri> fromPath, List<Header> headers) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status " + status);
        }
        return new MsrpHead(transactionId, null, status, comment, toPath, fromPath, headers, false);
    }

    static MsrpHead parsed(String transactionId, String method, int status, String comment, List<MsrpUri> toPath,
                           List<MsrpUri> fromPath, List<Header> headers, boolean hasBody) {
        return new MsrpHead(transactionId, method, status, comment, toPath, fromPath, headers, hasBody);
    }

    public String transactionId() {
        return transactionId;
    }

    public boolean isRequest() {
        return method != null;
    }

    public boolean isResponse() {
        return method == null;
    }

    /** The method exactly as sent (case kept), or {@code null} for a response. */
    public String method() {
        return method;
    }

    /** Whether this is a request with the given method, compared case-insensitively. */
    public boolean isMethod(String m) {
        return method != null && method.equalsIgnoreCase(m);
    }

    /** The status code of a response, 0 for a request. */
    public int status() {
        return status;
    }

    /** The response comment, or {@code null}. */
    public String comment() {
        return comment;
    }

    public List<MsrpUri> toPath() {
        return toPath;
    }

    public List<MsrpUri> fromPath() {
        return fromPath;
    }

    /** Headers other than To-Path and From-Path, in arrival order. */
    public List<Header> headers() {
        return headers;
    }

    public boolean hasBody() {
        return hasBody;
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** All values of a header, in order. */
    public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>(1);
        for (Header h : headers) {
            if (h.is(name)) {
                out.add(h.value());
            }
        }
        return out;
    }

    public String messageId() throws MsrpSyntaxException {
        String v = header("Message-ID");
        if (v != null && !Grammar.isIdent(v.trim())) {
            throw new MsrpSyntaxException("bad Message-ID: " + v);
        }
        return v == null ? null : v.trim();
    }

    public ByteRange byteRange() throws MsrpSyntaxException {
        String v = header("Byte-Range");
        return v == null ? null : ByteRange.parse(v);
    }

    /** Failure-Report, {@link ReportRequest#YES} when absent (RFC 4975 section 7.1.2). */
    public ReportRequest failureReport() throws MsrpSyntaxException {
        String v = header("Failure-Report");
        return v == null ? ReportRequest.YES : ReportRequest.parseFailure(v);
    }

    /** Success-Report, {@link ReportRequest#NO} when absent. */
    public ReportRequest successReport() throws MsrpSyntaxException {
        String v = header("Success-Report");
        return v == null ? ReportRequest.NO : ReportRequest.parseSuccess(v);
    }

    public StatusValue statusHeader() throws MsrpSyntaxException {
        String v = header("Status");
        return v == null ? null : StatusValue.parse(v);
    }

    public ContentType contentType() throws MsrpSyntaxException {
        String v = header("Content-Type");
        return v == null ? null : ContentType.parse(v);
    }

    /** A non-negative integer header such as Expires, Min-Expires or Max-Expires, or -1 when absent. */
    public long seconds(String name) throws MsrpSyntaxException {
        String v = header(name);
        if (v == null) {
            return -1;
        }
        long s = Grammar.parseDecimal(v.trim());
        if (s < 0) {
            throw new MsrpSyntaxException("bad " + name + ": " + v);
        }
        return s;
    }

    /** The Use-Path URIs (RFC 4976 section 6), empty when absent. */
    public List<MsrpUri> usePath() throws MsrpSyntaxException {
        String v = header("Use-Path");
        return v == null ? List.of() : MsrpParser.parsePath(v, Integer.MAX_VALUE);
    }

    /** The parameters of an authentication header (WWW-Authenticate, Authorization, Authentication-Info). */
    public AuthParams auth(String name) throws MsrpSyntaxException {
        String v = header(name);
        if (v == null) {
            return null;
        }
        return name.equalsIgnoreCase("Authentication-Info") ? AuthParams.parseParams(v) : AuthParams.parseWithScheme(v);
    }

    public MsrpHead withTransactionId(String tid) {
        return new MsrpHead(tid, method, status, comment, toPath, fromPath, headers, hasBody);
    }

    public MsrpHead withPaths(List<MsrpUri> to, List<MsrpUri> from) {
        return new MsrpHead(transactionId, method, status, comment, to, from, headers, hasBody);
    }

    public MsrpHead withHeaders(List<Header> newHeaders) {
        return new MsrpHead(transactionId, method, status, comment, toPath, fromPath, newHeaders, hasBody);
    }

    public MsrpHead withBody(boolean body) {
        return new MsrpHead(transactionId, method, status, comment, toPath, fromPath, headers, body);
    }

    /** A copy with the first header of that name replaced (or appended when absent). */
    public MsrpHead withHeader(String name, String value) {
        List<Header> out = new ArrayList<>(headers.size() + 1);
        boolean done = false;
        for (Header h : headers) {
            if (!done && h.is(name)) {
                out.add(new Header(h.name(), value));
                done = true;
            } else {
                out.add(h);
            }
        }
        if (!done) {
            out.add(new Header(name, value));
        }
        return withHeaders(out);
    }

    @Override
    public String toString() {
        return "MSRP " + transactionId + " " + (method != null ? method : status + (comment != null ? " " + comment : ""));
    }
}
