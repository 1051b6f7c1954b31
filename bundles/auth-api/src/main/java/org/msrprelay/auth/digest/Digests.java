package org.msrprelay.auth.digest;

import org.msrprelay.auth.internal.Md5;

/**
 * The RFC 2617 section 3.2.2 computations for the MD5 algorithm. Strings are hashed as UTF-8 and
 * every digest is lowercase hex.
 */
public final class Digests {

    private Digests() {
    }

    /** MD5 of the UTF-8 bytes of the value, in lowercase hex. */
    public static String md5Hex(String value) {
        return Md5.hex(value);
    }

    /** RFC 2617 section 3.2.2.2: {@code HA1 = MD5(username ":" realm ":" password)}. */
    public static String ha1(String username, String realm, String password) {
        return Md5.hex(username + ":" + realm + ":" + password);
    }

    /** RFC 2617 section 3.2.2.3 for qop {@code auth}: {@code HA2 = MD5(method ":" digest-uri)}. */
    public static String ha2(String method, String digestUri) {
        return Md5.hex(method + ":" + digestUri);
    }

    /**
     * RFC 2617 section 3.2.2.1 request-digest with a qop:
     * {@code MD5(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)}.
     */
    public static String response(String ha1, String nonce, String nc, String cnonce, String qop, String method,
                                  String digestUri) {
        return Md5.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2(method, digestUri));
    }

    /**
     * RFC 2617 section 3.2.3 response-auth for qop {@code auth}: the request-digest with an empty
     * method, {@code MD5(HA1 ":" nonce ":" nc ":" cnonce ":auth:" MD5(":" digest-uri))}.
     */
    public static String rspauth(String ha1, String nonce, String nc, String cnonce, String digestUri) {
        return response(ha1, nonce, nc, cnonce, "auth", "", digestUri);
    }
}
