package org.msrprelay.codec;

/** The Status header of a REPORT (RFC 4975 section 9): {@code namespace SP status-code [SP comment]}. */
public record StatusValue(int namespace, int code, String comment) {
    public static StatusValue parse(String value) throws MsrpSyntaxException {
        String v = value.trim();
        if (v.length() < 7 || v.charAt(3) != ' ' || (v.length() > 7 && v.charAt(7) != ' ')) {
            throw new MsrpSyntaxException("bad Status: " + value);
        }
        long ns = Grammar.parseDecimal(v.substring(0, 3));
        long code = Grammar.parseDecimal(v.substring(4, 7));
        if (ns < 0 || code < 100) {
            throw new MsrpSyntaxException("bad Status: " + value);
        }
        return new StatusValue((int) ns, (int) code, v.length() > 8 ? v.substring(8) : null);
    }

    @Override
    public String toString() {
        return String.format("%03d %03d", namespace, code) + (comment == null ? "" : " " + comment);
    }
}
