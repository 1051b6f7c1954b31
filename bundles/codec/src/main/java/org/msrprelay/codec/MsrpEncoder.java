package org.msrprelay.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Produces the canonical wire form (RFC 4975 section 9): start line, To-Path, From-Path, the other
 * headers in order as {@code Name: value}, a blank line when content follows, and end-lines.
 */
public final class MsrpEncoder {
    private MsrpEncoder() {
    }

    /** The head, ending with the blank line when {@link MsrpHead#hasBody()}. */
    public static byte[] head(MsrpHead h) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("MSRP ").append(h.transactionId()).append(' ');
        if (h.isRequest()) {
            sb.append(h.method());
        } else {
            appendStatus(sb, h.status());
            if (h.comment() != null) {
                sb.append(' ').append(h.comment());
            }
        }
        sb.append("\r\n");
        appendPath(sb, "To-Path", h.toPath());
        appendPath(sb, "From-Path", h.fromPath());
        for (Header x : h.headers()) {
            sb.append(x.name()).append(": ").append(x.value()).append("\r\n");
        }
        if (h.hasBody()) {
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void appendStatus(StringBuilder sb, int status) {
        sb.append((char) ('0' + status / 100)).append((char) ('0' + status / 10 % 10)).append((char) ('0' + status % 10));
    }

    private static void appendPath(StringBuilder sb, String name, List<MsrpUri> path) {
        sb.append(name).append(": ");
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(path.get(i));
        }
        sb.append("\r\n");
    }

    /**
     * The end-line for transaction {@code tid}: {@code "-------" tid flag CRLF}, preceded by the CRLF that
     * closes the data when the message had content.
     */
    public static byte[] endLine(String tid, char flag, boolean afterBody) {
        if (flag != '$' && flag != '+' && flag != '#') {
            throw new IllegalArgumentException("flag " + flag);
        }
        String s = (afterBody ? "\r\n-------" : "-------") + tid + flag + "\r\n";
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
