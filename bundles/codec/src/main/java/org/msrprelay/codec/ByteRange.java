package org.msrprelay.codec;

/**
 * The Byte-Range header (RFC 4975 section 7.1.5): {@code start-end/total}, where {@code end} and
 * {@code total} may be {@code *} (stored as {@link #UNKNOWN}). {@code start} counts from 1.
 */
public record ByteRange(long start, long end, long total) {
    /** An end or total written as {@code *}. */
    public static final long UNKNOWN = -1;

    public ByteRange {
        if (start < 1 || end < UNKNOWN || total < UNKNOWN) {
            throw new IllegalArgumentException("bad byte range " + start + "-" + end + "/" + total);
        }
    }

    /** Parses {@code 1-100/100}, {@code 1-* /*} and the like. */
    public static ByteRange parse(String value) throws MsrpSyntaxException {
        String v = value.trim();
        int dash = v.indexOf('-');
        int slash = v.indexOf('/', dash + 1);
        if (dash <= 0 || slash < 0) {
            throw new MsrpSyntaxException("bad Byte-Range: " + value);
        }
        long start = Grammar.parseDecimal(v.substring(0, dash));
        long end = starOrNumber(v.substring(dash + 1, slash));
        long total = starOrNumber(v.substring(slash + 1));
        if (start < 1 || end == -2 || total == -2) {
            throw new MsrpSyntaxException("bad Byte-Range: " + value);
        }
        return new ByteRange(start, end, total);
    }

    private static long starOrNumber(String s) {
        if (s.equals("*")) {
            return UNKNOWN;
        }
        long v = Grammar.parseDecimal(s);
        return v < 0 ? -2 : v;
    }

    /** This range moved forward by {@code bytes} already delivered: the continuation of an interrupted chunk. */
    public ByteRange advance(long bytes) {
        return new ByteRange(start + bytes, end, total);
    }

    @Override
    public String toString() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/"
                + (total == UNKNOWN ? "*" : Long.toString(total));
    }
}
