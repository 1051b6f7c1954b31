package org.msrprelay.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An incremental push parser for MSRP (RFC 4975 section 9). Feed it bytes in reads of any size;
 * it reports a message head, then body slices, then the end-line's continuation flag.
 * <p>
 * Bodies are never decoded: the end-line ({@code CRLF "-------" transact-id flag CRLF}) is searched
 * with a Boyer-Moore-Horspool scan, and the few bytes at the end of a read that could begin an
 * end-line are held back (never delivered as body) until the next read decides. Every limit of
 * {@link ParserLimits} is checked while scanning. A message that breaks the grammar or a limit is
 * reported through {@link Handler#onError}; if the stream can still be framed the parser skips to
 * that message's end-line and continues, otherwise it stops for good and the error says so.
 * <p>
 * Not thread-safe: one parser per connection.
 */
public final class MsrpParser {

    /** Receives what the parser finds, in order. */
    public interface Handler {
        /** A message head. Body slices and the end follow. */
        void onHead(MsrpHead head);

        /** Body bytes; the buffer is only valid during the call. */
        void onBody(ByteBuffer slice);

        /** The end-line of the current message: {@code '$'} complete, {@code '+'} more chunks follow, {@code '#'} aborted. */
        void onEnd(char flag);

        /** A broken message. After an error with {@link MsrpParseException#mustClose()} nothing more is reported. */
        void onError(MsrpParseException error);
    }

    private enum State { START_LINE, HEADERS, BODY, SKIP, FAILED }

    /** Common names and values, shared instead of created for each message. */
    private static final String[] METHODS = {"SEND", "REPORT", "AUTH", "NICKNAME"};
    private static final String[] COMMENTS = {"OK"};
    private static final String[] HEADER_NAMES = {"Message-ID", "Byte-Range", "Content-Type", "Success-Report",
        "Failure-Report", "Status", "Expires", "Min-Expires", "Max-Expires", "Use-Path", "WWW-Authenticate",
        "Authorization", "Authentication-Info"};

    private static final byte[] BODY_END_PREFIX = "\r\n-------".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SKIP_END_PREFIX = "\n-------".getBytes(StandardCharsets.US_ASCII);

    private final ParserLimits limits;
    private final Handler handler;
    private State state = State.START_LINE;

    private byte[] line = new byte[128];
    private int lineLen;
    private int headBytes;
    private String tid;
    private String method;
    private int status;
    private String comment;
    private List<MsrpUri> toPath;
    private List<MsrpUri> fromPath;
    private List<Header> headers;
    private int headerCount;

    private final byte[] pattern = new byte[64];
    private final int[] shift = new int[256];
    private int patLen;
    private int fullLen;
    private final byte[] hold = new byte[128];
    /** The held bytes followed by the start of the next read; valid during one {@link #scanBody} call. */
    private final byte[] scratch = new byte[hold.length + 64];
    private int holdLen;
    /** Leading bytes of {@link #hold} that belong to the head, not the body (see {@link #finishHead}). */
    private int phantom;
    private long bodyBytes;
    private boolean bodyLimited;

    public MsrpParser(ParserLimits limits, Handler handler) {
        this.limits = limits;
        this.handler = handler;
    }

    /** Whether a fatal error stopped the parser. */
    public boolean failed() {
        return state == State.FAILED;
    }

    /** Whether the parser is between messages (no partial message pending). */
    public boolean idle() {
        return state == State.START_LINE && lineLen == 0;
    }

    /** Consumes every remaining byte of {@code in}. */
    public void parse(ByteBuffer in) {
        if (!in.hasArray()) {
            ByteBuffer copy = ByteBuffer.allocate(in.remaining());
            copy.put(in).flip();
            in = copy;
        }
        while (in.hasRemaining()) {
            switch (state) {
                case START_LINE:
                case HEADERS:
                    readLine(in);
                    break;
                case BODY:
                case SKIP:
                    scanBody(in);
                    break;
                default:
                    in.position(in.limit());
                    return;
            }
        }
    }

    // ---- head ------------------------------------------------------------------------------

    private void readLine(ByteBuffer in) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        int pos = in.position();
        int lim = in.limit();
        int nl = -1;
        for (int i = base + pos, end = base + lim; i < end; i++) {
            if (a[i] == '\n') {
                nl = i - base;
                break;
            }
        }
        int max = state == State.START_LINE ? limits.maxStartLine() : limits.maxHeaderLine();
        int n = (nl < 0 ? lim : nl + 1) - pos;
        if (lineLen + n > max) {
            in.position(nl < 0 ? lim : nl + 1);
            lineTooLong(nl < 0);
            return;
        }
        if (nl < 0) {
            append(a, base + pos, n);
            in.position(lim);
            return;
        }
        in.position(nl + 1);
        byte[] src;
        int off;
        int len;
        if (lineLen == 0) {
            src = a;
            off = base + pos;
            len = n;
        } else {
            append(a, base + pos, n);
            src = line;
            off = 0;
            len = lineLen;
            lineLen = 0;
        }
        int end = off + len - 1;
        if (end > off && src[end - 1] == '\r') {
            end--;
        }
        if (state == State.START_LINE) {
            if (end == off) {
                return; // blank lines between messages carry nothing
            }
            headBytes = len;
            startLine(src, off, end);
        } else {
            headBytes += len;
            if (headBytes > limits.maxHeadBytes()) {
                recoverable("header block over " + limits.maxHeadBytes() + " bytes", 400, true);
                return;
            }
            headerLine(src, off, end);
        }
    }

    private void append(byte[] src, int off, int n) {
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(src, off, line, lineLen, n);
        lineLen += n;
    }

    private void lineTooLong(boolean midLine) {
        lineLen = 0;
        if (state == State.START_LINE) {
            fatal("start line over " + limits.maxStartLine() + " bytes", 0);
        } else {
            recoverable("header line over " + limits.maxHeaderLine() + " bytes", 400, !midLine);
        }
    }

    // The head is parsed from the bytes: only the strings the model keeps are created.

    private void startLine(byte[] a, int off, int end) {
        tid = null;
        method = null;
        status = 0;
        comment = null;
        toPath = null;
        fromPath = null;
        headers = new ArrayList<>(8);
        headerCount = 0;
        int sp = end - off > 5 ? Grammar.indexOf(a, ' ', off + 5, end) : -1;
        if (!Grammar.startsWith(a, off, end, "MSRP ") || sp < 0 || !Grammar.isIdent(a, off + 5, sp)) {
            fatal("not an MSRP start line", 0);
            return;
        }
        tid = Grammar.latin1(a, off + 5, sp);
        int rest = sp + 1;
        int n = end - rest;
        state = State.HEADERS;
        if (n >= 3 && Grammar.isDigit(a[rest]) && Grammar.isDigit(a[rest + 1]) && Grammar.isDigit(a[rest + 2])
                && (n == 3 || a[rest + 3] == ' ')) {
            status = (a[rest] - '0') * 100 + (a[rest + 1] - '0') * 10 + (a[rest + 2] - '0');
            comment = n > 4 ? Grammar.known(a, rest + 4, end, COMMENTS) : null;
            if (status < 100) {
                recoverable("bad status code " + status, 0, true);
            }
        } else if (n > 0 && Grammar.isAlpha(a, rest, end)) {
            method = Grammar.known(a, rest, end, METHODS);
        } else {
            method = Grammar.latin1(a, rest, end);
            recoverable("bad method token", 400, true);
        }
    }

    private void headerLine(byte[] a, int off, int end) {
        if (end == off) {
            finishHead(true);
            return;
        }
        if (Grammar.startsWith(a, off, end, "-------")) {
            endLineInHead(a, off, end);
            return;
        }
        if (++headerCount > limits.maxHeaders()) {
            recoverable("more than " + limits.maxHeaders() + " headers", 400, true);
            return;
        }
        int colon = Grammar.indexOf(a, ':', off, end);
        if (colon <= off || !Grammar.isToken(a, off, colon)) {
            recoverable("malformed header line", 400, true);
            return;
        }
        int v = colon + 1;
        while (v < end && (a[v] == ' ' || a[v] == '\t')) {
            v++;
        }
        boolean to = Grammar.equalsIgnoreCase(a, off, colon, "To-Path");
        if (to || Grammar.equalsIgnoreCase(a, off, colon, "From-Path")) {
            if ((to ? toPath : fromPath) != null) {
                recoverable("duplicate " + Grammar.latin1(a, off, colon), 400, true);
                return;
            }
            try {
                List<MsrpUri> path = parsePath(a, v, end, limits.maxPathUris());
                if (to) {
                    toPath = path;
                } else {
                    fromPath = path;
                }
            } catch (MsrpSyntaxException e) {
                recoverable(Grammar.latin1(a, off, colon) + ": " + e.getMessage(), 400, true);
            }
            return;
        }
        headers.add(new Header(Grammar.known(a, off, colon, HEADER_NAMES), Grammar.latin1(a, v, end)));
    }

    private void endLineInHead(byte[] a, int off, int end) {
        int n = 7 + tid.length();
        if (end - off == n + 1 && Grammar.startsWith(a, off + 7, end, tid) && isFlag(a[off + n])) {
            if (finishHead(false)) {
                handler.onEnd((char) a[off + n]);
            }
            state = State.START_LINE;
        } else {
            fatal("end-line does not match transaction " + tid, 400);
        }
    }

    private boolean finishHead(boolean hasBody) {
        if (toPath == null || fromPath == null) {
            recoverable(toPath == null ? "missing To-Path" : "missing From-Path", 400, true);
            if (!hasBody) {
                state = State.START_LINE;
            }
            return false;
        }
        handler.onHead(MsrpHead.parsed(tid, method, status, comment, toPath, fromPath, headers, hasBody));
        if (hasBody) {
            state = State.BODY;
            bodyBytes = 0;
            bodyLimited = method == null || !method.equalsIgnoreCase("SEND");
            setPattern(BODY_END_PREFIX);
            // The blank line's CRLF may double as the CRLF before the end-line of an empty body
            // ("\r\n\r\n-------tid$"): hold it as a candidate that is never delivered as body.
            hold[0] = '\r';
            hold[1] = '\n';
            holdLen = 2;
            phantom = 2;
        } else {
            state = State.START_LINE;
        }
        return true;
    }

    /** {@link #parsePath(String, int)} on bytes; the list is immutable, so {@link MsrpHead} need not copy it. */
    private static List<MsrpUri> parsePath(byte[] a, int from, int to, int max) throws MsrpSyntaxException {
        List<MsrpUri> out = new ArrayList<>(4);
        int i = from;
        while (i < to) {
            while (i < to && (a[i] == ' ' || a[i] == '\t')) {
                i++;
            }
            int j = i;
            while (j < to && a[j] != ' ' && a[j] != '\t') {
                j++;
            }
            if (j > i) {
                if (out.size() == max) {
                    throw new MsrpSyntaxException("more than " + max + " URIs");
                }
                out.add(MsrpUri.parse(Grammar.latin1(a, i, j)));
            }
            i = j;
        }
        if (out.isEmpty()) {
            throw new MsrpSyntaxException("empty path");
        }
        return List.copyOf(out);
    }

    /** Parses a space-separated URI list of at most {@code max} URIs. */
    static List<MsrpUri> parsePath(String value, int max) throws MsrpSyntaxException {
        List<MsrpUri> out = new ArrayList<>(2);
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int j = i;
            while (j < n && value.charAt(j) != ' ' && value.charAt(j) != '\t') {
                j++;
            }
            if (j > i) {
                if (out.size() == max) {
                    throw new MsrpSyntaxException("more than " + max + " URIs");
                }
                out.add(MsrpUri.parse(value.substring(i, j)));
            }
            i = j;
        }
        if (out.isEmpty()) {
            throw new MsrpSyntaxException("empty path");
        }
        return out;
    }

    // ---- errors ----------------------------------------------------------------------------

    private void recoverable(String message, int code, boolean atLineStart) {
        handler.onError(new MsrpParseException(message, code, tid, method != null, toPath, fromPath, false));
        state = State.SKIP;
        setPattern(SKIP_END_PREFIX);
        holdLen = 0;
        phantom = 0;
        if (atLineStart) {
            hold[holdLen++] = '\n';
        }
    }

    private void fatal(String message, int code) {
        state = State.FAILED;
        handler.onError(new MsrpParseException(message, code, tid, method != null, toPath, fromPath, true));
    }

    // ---- body ------------------------------------------------------------------------------

    private void setPattern(byte[] prefix) {
        int p = prefix.length;
        System.arraycopy(prefix, 0, pattern, 0, p);
        for (int i = 0; i < tid.length(); i++) {
            pattern[p + i] = (byte) tid.charAt(i);
        }
        patLen = p + tid.length();
        fullLen = patLen + 3;
        Arrays.fill(shift, patLen);
        for (int i = 0; i < patLen - 1; i++) {
            shift[pattern[i] & 0xff] = patLen - 1 - i;
        }
    }

    private static boolean isFlag(int c) {
        return c == '$' || c == '+' || c == '#';
    }

    /** Index of the first complete end-line in {@code a[from, to)}, or -1. */
    private int find(byte[] a, int from, int to) {
        int last = patLen - 1;
        byte lastByte = pattern[last];
        int i = from;
        while (i + fullLen <= to) {
            byte b = a[i + last];
            if (b == lastByte && matchesAt(a, i)) {
                int f = i + patLen;
                if (isFlag(a[f]) && a[f + 1] == '\r' && a[f + 2] == '\n') {
                    return i;
                }
            }
            i += shift[b & 0xff];
        }
        // candidates too close to the end for the full end-line are left to safeEnd
        return -1;
    }

    private boolean matchesAt(byte[] a, int i) {
        for (int k = 0; k < patLen - 1; k++) {
            if (a[i + k] != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    /** The earliest index in {@code a[from, to)} from which the rest could still begin an end-line; {@code to} if none. */
    private int safeEnd(byte[] a, int from, int to) {
        byte first = pattern[0];
        for (int p = Math.max(from, to - fullLen + 1); p < to; p++) {
            if (a[p] == first && prefixOfEndLine(a, p, to)) {
                return p;
            }
        }
        return to;
    }

    private boolean prefixOfEndLine(byte[] a, int p, int to) {
        for (int k = 0; p + k < to; k++) {
            byte b = a[p + k];
            boolean ok;
            if (k < patLen) {
                ok = b == pattern[k];
            } else if (k == patLen) {
                ok = isFlag(b);
            } else {
                ok = k == patLen + 1 ? b == '\r' : b == '\n';
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void scanBody(ByteBuffer in) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        if (holdLen > 0) {
            int take = Math.min(in.remaining(), fullLen);
            byte[] s = scratch;
            int sLen = holdLen + take;
            System.arraycopy(hold, 0, s, 0, holdLen);
            System.arraycopy(a, base + in.position(), s, holdLen, take);
            int m = find(s, 0, sLen);
            // an end-line found here may also start right after the held bytes (when this read is exactly it)
            if (m >= 0) {
                in.position(in.position() + m + fullLen - holdLen);
                holdLen = 0;
                int skip = Math.min(phantom, m);
                deliver(s, skip, m - skip);
                endOfMessage(s[m + patLen]);
                return;
            }
            if (take == in.remaining()) {
                int safe = safeEnd(s, 0, sLen);
                in.position(in.limit());
                holdLen = 0;
                keep(s, safe, sLen);
                int skip = Math.min(phantom, safe);
                phantom -= skip;
                deliver(s, skip, safe - skip);
                return;
            }
            int oldHold = holdLen;
            holdLen = 0;
            int skip = phantom;
            phantom = 0;
            deliver(s, skip, oldHold - skip);
            if (state != State.BODY && state != State.SKIP) {
                return;
            }
        }
        int from = base + in.position();
        int to = base + in.limit();
        int m = find(a, from, to);
        if (m >= 0) {
            in.position(m - base + fullLen);
            deliver(a, from, m - from);
            endOfMessage(a[m + patLen]);
            return;
        }
        int safe = safeEnd(a, from, to);
        in.position(in.limit());
        keep(a, safe, to);
        deliver(a, from, safe - from);
    }

    private void keep(byte[] a, int from, int to) {
        System.arraycopy(a, from, hold, holdLen, to - from);
        holdLen += to - from;
    }

    private void deliver(byte[] a, int off, int len) {
        if (len == 0 || state != State.BODY) {
            return;
        }
        bodyBytes += len;
        if (bodyLimited && bodyBytes > limits.maxNonSendBody()) {
            byte[] kept = Arrays.copyOf(hold, holdLen);
            recoverable("body over " + limits.maxNonSendBody() + " bytes", 413, false);
            // inside a body only CRLF "-------" tid ends it: keep the body's pattern while skipping
            setPattern(BODY_END_PREFIX);
            holdLen = 0;
            keep(kept, 0, kept.length);
            return;
        }
        handler.onBody(ByteBuffer.wrap(a, off, len));
    }

    private void endOfMessage(byte flag) {
        State was = state;
        state = State.START_LINE;
        holdLen = 0;
        phantom = 0;
        if (was == State.BODY) {
            handler.onEnd((char) flag);
        }
    }
}
