package org.msrprelay.auth.api;

import java.util.Locale;
import java.util.Objects;

import org.msrprelay.auth.internal.Md5;

/**
 * The secret of one account, as a credential store returns it: either the cleartext password or
 * the stored RFC 2617 section 3.2.2.2 {@code HA1 = MD5(username ":" realm ":" password)}, optionally
 * with Kamailio's {@code ha1b = MD5(username "@" domain ":" realm ":" password)} for clients that
 * send the whole {@code user@domain} as digest username. Immutable; {@link #toString()} never shows
 * the secret.
 */
public final class Credential {
    private final String password;
    private final String ha1;
    private final String ha1b;

    private Credential(String password, String ha1, String ha1b) {
        this.password = password;
        this.ha1 = ha1;
        this.ha1b = ha1b;
    }

    /** A cleartext password; the HA1 is computed for whatever username and realm the client used. */
    public static Credential cleartext(String password) {
        return new Credential(Objects.requireNonNull(password, "password"), null, null);
    }

    /**
     * A stored HA1 = MD5(user:realm:password) in hex.
     *
     * @throws IllegalArgumentException when the value is not 32 hex digits
     */
    public static Credential ha1(String ha1Hex) {
        return ha1(ha1Hex, null);
    }

    /**
     * A stored HA1 and, optionally, the HA1 for the username {@code user@domain} (Kamailio's
     * {@code ha1b} column).
     *
     * @param ha1bHex MD5(user@domain:realm:password) in hex, or {@code null}
     * @throws IllegalArgumentException when a value is not 32 hex digits
     */
    public static Credential ha1(String ha1Hex, String ha1bHex) {
        String ha1b = ha1bHex == null ? null : checkedDigest(ha1bHex, "ha1b");
        return new Credential(null, checkedDigest(ha1Hex, "ha1"), ha1b);
    }

    private static String checkedDigest(String hex, String what) {
        if (!Md5.isHex32(hex)) {
            throw new IllegalArgumentException(what + " is not 32 hex digits");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    /**
     * The HA1 to use for the digest username as the client sent it, {@code alice} or
     * {@code alice@example.com}. A cleartext credential computes it; a stored one returns the HA1,
     * or the ha1b when the username contains {@code @} and a ha1b is known.
     */
    public String ha1For(String digestUsername, String realm) {
        Objects.requireNonNull(digestUsername, "digestUsername");
        Objects.requireNonNull(realm, "realm");
        if (password != null) {
            return Md5.hex(digestUsername + ":" + realm + ":" + password);
        }
        return digestUsername.indexOf('@') >= 0 && ha1b != null ? ha1b : ha1;
    }

    /** Whether this holds the cleartext password (rather than a stored HA1). */
    public boolean isCleartext() {
        return password != null;
    }

    @Override
    public String toString() {
        if (password != null) {
            return "Credential[cleartext]";
        }
        return ha1b == null ? "Credential[ha1]" : "Credential[ha1, ha1b]";
    }
}
