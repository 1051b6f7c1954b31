package org.msrprelay.auth.digest;

import java.util.Objects;

/**
 * A digest challenge for the {@code WWW-Authenticate} header of a 401 (RFC 4976 section 6.1,
 * RFC 2617 section 3.2.1).
 *
 * @param realm the realm (the account domain)
 * @param nonce the server nonce, base64url
 * @param opaque a random value the client must return unchanged
 * @param stale whether the client's previous nonce had expired (RFC 2617 section 3.2.1 {@code stale})
 */
public record Challenge(String realm, String nonce, String opaque, boolean stale) {

    public Challenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(opaque, "opaque");
    }

    /**
     * The header value, e.g. {@code Digest realm="example.com", nonce="...", qop="auth", opaque="..."},
     * followed by {@code , stale=true} when stale. Every value but {@code stale} is quoted.
     */
    public String headerValue() {
        StringBuilder b = new StringBuilder(128).append("Digest realm=");
        quote(b, realm).append(", nonce=");
        quote(b, nonce).append(", qop=\"auth\", opaque=");
        quote(b, opaque);
        if (stale) {
            b.append(", stale=true");
        }
        return b.toString();
    }

    /** Appends an RFC 2616 section 2.2 quoted-string. */
    static StringBuilder quote(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"');
    }
}
