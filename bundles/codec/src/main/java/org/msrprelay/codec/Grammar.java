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

    static boolean isHost(CharSequence s) {
        return all(s, 0, s.length(), HOST);
    }

    /** {@code token ["=" token]}. */
    static boolean isUriParameter(String p) {
        int eq = p.indexOf('=');
        if (eq < 0) {
            return isToken(p);
        }
        return isToken(p.substring(0, eq)) && isToken(p.substring(eq + 1));
    }

    /** A decimal port 0-65535, or -1. */
    static int parsePort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
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
