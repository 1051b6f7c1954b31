package org.msrprelay.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP-style authentication header value as used by WWW-Authenticate, Authorization and
 * Authentication-Info (RFC 4976 section 5, RFC 2617 section 3.2): an optional scheme token and a
 * comma-separated list of {@code name=token} or {@code name="quoted string"} parameters, in any
 * order, separated by {@code ,} with optional white space. Names are lower-cased; quoted values are
 * unescaped.
 */
public record AuthParams(String scheme, Map<String, String> params) {

    /** Parses a value that starts with a scheme ({@code Digest ...}, {@code Basic ...}). */
    public static AuthParams parseWithScheme(String value) throws MsrpSyntaxException {
        String v = value.trim();
        int sp = 0;
        while (sp < v.length() && !Character.isWhitespace(v.charAt(sp))) {
            sp++;
        }
        String scheme = v.substring(0, sp);
        if (!Grammar.isToken(scheme)) {
            throw new MsrpSyntaxException("bad authentication scheme: " + value);
        }
        String rest = v.substring(sp).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            return new AuthParams(scheme, Map.of("credentials", rest));
        }
        return new AuthParams(scheme, parseList(rest));
    }

    /** Parses a bare parameter list (Authentication-Info). */
    public static AuthParams parseParams(String value) throws MsrpSyntaxException {
        return new AuthParams(null, parseList(value.trim()));
    }

    private static Map<String, String> parseList(String s) throws MsrpSyntaxException {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new MsrpSyntaxException("parameter without value: " + s);
            }
            String name = s.substring(i, eq).trim();
            if (!Grammar.isToken(name)) {
                throw new MsrpSyntaxException("bad parameter name: " + s);
            }
            i = eq + 1;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            StringBuilder val = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        val.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        val.append(c);
                    }
                }
                if (!closed) {
                    throw new MsrpSyntaxException("unterminated quoted string: " + s);
                }
            } else {
                while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                    val.append(s.charAt(i++));
                }
            }
            while (i < n && s.charAt(i) != ',') {
                if (!Character.isWhitespace(s.charAt(i))) {
                    throw new MsrpSyntaxException("garbage after parameter " + name + ": " + s);
                }
                i++;
            }
            out.put(name.toLowerCase(Locale.ROOT), val.toString());
        }
        return Collections.unmodifiableMap(out);
    }

    /** A parameter value, or {@code null}. */
    public String get(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** Quotes a value for a header: backslash-escapes {@code "} and {@code \}. */
    public static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
