package org.msrprelay.codec;

/** Character classes of the RFC 4975 section 9 ABNF, as table look-ups. */
final class Grammar {
    private static final int ALNUM = 1;
    private static final int IDENT = 2;      // ident-char: ALPHANUM / "." / "-" / "+" / "%" / "="
    private static final int TOKEN = 4;      // RFC 3261 token characters
    private static final int SESSION = 8;    // unreserved / "+" / "=" / "/" (and pct-encoded)
    private static final int HOST = 16;      // reg-name, IPv4 and bracketed IPv6 characters
    private static final int[] CLASS = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            int k = 0;
            if (alnum) {
                k |= ALNUM | IDENT | TOKEN | SESSION | HOST;
            }
            if (".-+%=".indexOf(c) >= 0) {
                k |= IDENT;
            }
            if ("-.!%*_+`'~".indexOf(c) >= 0) {
                k |= TOKEN;
            }
            if ("-._~+=/%".indexOf(c) >= 0) {
                k |= SESSION;
            }
            if ("-._~%!$&'()*+,;=:[]".indexOf(c) >= 0) {
                k |= HOST;
            }
            CLASS[c] = k;
        }
    }

    private Grammar() {
    }

    private static boolean all(CharSequence s, int from, int to, int cls) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || (CLASS[c] & cls) == 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isAlphaNum(CharSequence s) {
        return all(s, 0, s.length(), ALNUM);
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** transact-id and Message-ID: {@code ALPHANUM 3*31ident-char}. */
    static boolean isIdent(CharSequence s) {
        int n = s.length();
        return n >= 4 && n <= 32 && all(s, 0, 1, ALNUM) && all(s, 1, n, IDENT);
    }

    static boolean isToken(CharSequence s) {
        return s.length() > 0 && all(s, 0, s.length(), TOKEN);
    }

    static boolean isSessionId(CharSequence s) {
        return all(s, 0, s.length(), SESSION);
    }

    static boolean isSessionId(CharSequence s, int from, int to) {
        return all(s, from, to, SESSION);
    }

    static boolean isHost(CharSequence s) {
        return all(s, 0, s.length(), HOST);
    }

    static boolean isHost(CharSequence s, int from, int to) {
        return all(s, from, to, HOST);
    }

    static boolean isAlphaNum(CharSequence s, int from, int to) {
        return all(s, from, to, ALNUM);
    }

    /** {@code token ["=" token]}. */
    static boolean isUriParameter(String p) {
        return isUriParameter(p, 0, p.length());
    }

    static boolean isUriParameter(String p, int from, int to) {
        int eq = p.indexOf('=', from);
        if (eq < 0 || eq >= to) {
            return to > from && all(p, from, to, TOKEN);
        }
        return eq > from && all(p, from, eq, TOKEN) && to > eq + 1 && all(p, eq + 1, to, TOKEN);
    }

    /** A decimal port 0-65535, or -1. */
    static int parsePort(String s) {
        return parsePort(s, 0, s.length());
    }

    static int parsePort(String s, int from, int to) {
        if (to == from || to - from > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    // ---- on bytes (ISO-8859-1: one byte, one char), for the parser ------------------------------

    private static boolean all(byte[] a, int from, int to, int cls) {
        for (int i = from; i < to; i++) {
            int c = a[i] & 0xff;
            if (c >= 128 || (CLASS[c] & cls) == 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isIdent(byte[] a, int from, int to) {
        int n = to - from;
        return n >= 4 && n <= 32 && all(a, from, from + 1, ALNUM) && all(a, from + 1, to, IDENT);
    }

    static boolean isToken(byte[] a, int from, int to) {
        return to > from && all(a, from, to, TOKEN);
    }

    static boolean isAlpha(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAlpha((char) (a[i] & 0xff))) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static int indexOf(byte[] a, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == (byte) c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code a[from, to)} starts with the ASCII {@code prefix}. */
    static boolean startsWith(byte[] a, int from, int to, String prefix) {
        int n = prefix.length();
        if (to - from < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (a[from + i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII case-insensitive comparison with an ASCII {@code s}; header names are tokens, so ASCII. */
    static boolean equalsIgnoreCase(byte[] a, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int x = a[from + i] & 0xff;
            int y = s.charAt(i);
            boolean letter = (x | 0x20) >= 'a' && (x | 0x20) <= 'z';
            if (x != y && !(letter && (x ^ 0x20) == y)) {
                return false;
            }
        }
        return true;
    }

    static String latin1(byte[] a, int from, int to) {
        return new String(a, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The one of {@code known} spelled exactly as {@code a[from, to)}, else a new string. */
    static String known(byte[] a, int from, int to, String[] known) {
        for (String k : known) {
            if (k.length() == to - from && startsWith(a, from, to, k)) {
                return k;
            }
        }
        return latin1(a, from, to);
    }

    /** A non-negative decimal that fits a long, or -1. */
    static long parseDecimal(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
