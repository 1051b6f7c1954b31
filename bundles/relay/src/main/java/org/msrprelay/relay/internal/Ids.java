package org.msrprelay.relay.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers the relay makes. */
final class Ids {
    private static final char[] ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A per-hop transaction id: 16 random base-36 characters (RFC 4975 transact-id syntax). */
    static String transactionId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    /** A session id: 128 bits from a CSPRNG, base64url (RFC 4975 section 14.1 asks for at least 80). */
    static String sessionId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
