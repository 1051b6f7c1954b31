package org.msrprelay.auth.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.msrprelay.auth.api.Credential;

class DigestAuthenticatorTest {
    private static final String REALM = "example.com";
    private static final String URI = "msrps://example.com;tcp";
    private static final Long CONN = 1L;
    private static final Credential SECRET = Credential.cleartext("secret");

    private final MutableClock clock = new MutableClock();
    private final DigestAuthenticator auth = new DigestAuthenticator(Duration.ofSeconds(15), 100, clock);

    /** What a client sends back for a challenge, computed independently of the code under test. */
    private static Map<String, String> answer(Challenge c, String user, String password, String nc) {
        Map<String, String> a = new HashMap<>();
        a.put("username", user);
        a.put("realm", c.realm());
        a.put("nonce", c.nonce());
        a.put("opaque", c.opaque());
        a.put("qop", "auth");
        a.put("nc", nc);
        a.put("cnonce", "c0251908fcdce4b3");
        a.put("response",
                HandDigest.response(user, c.realm(), password, "AUTH", URI, c.nonce(), nc, "c0251908fcdce4b3"));
        return a;
    }

    private static Map<String, String> answer(Challenge c) {
        return answer(c, "alice", "secret", "00000001");
    }

    @Test
    void acceptsCorrectResponseWithoutUriAndReturnsRspauth() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c);
        assertEquals(PrecheckStatus.OK, auth.precheck(a, REALM, CONN).status());
        Verification v = auth.verify(a, "AUTH", URI, SECRET);
        assertTrue(v.ok());
        String rspauth = HandDigest.rspauth("alice", REALM, "secret", URI, c.nonce(), "00000001", "c0251908fcdce4b3");
        assertEquals(rspauth, v.rspauth());
        assertEquals("qop=auth, cnonce=\"c0251908fcdce4b3\", nc=00000001, rspauth=\"" + rspauth + "\"",
                v.authenticationInfo());
    }

    @Test
    void acceptsMatchingUriParameter() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c);
        a.put("uri", URI);
        assertTrue(auth.precheck(a, REALM, CONN).ok());
        assertTrue(auth.verify(a, "AUTH", URI, SECRET).ok());
    }

    @Test
    void rejectsDifferentUriParameterAndUsesUpNonce() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c);
        a.put("uri", "msrps://other.example.com;tcp");
        assertTrue(auth.precheck(a, REALM, CONN).ok());
        assertEquals(VerificationStatus.WRONG_URI, auth.verify(a, "AUTH", URI, SECRET).status());
        a.remove("uri");
        assertEquals(VerificationStatus.NONCE_USED, auth.verify(a, "AUTH", URI, SECRET).status());
    }

    @Test
    void rejectsWrongPassword() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c, "alice", "guess", "00000001");
        assertTrue(auth.precheck(a, REALM, CONN).ok());
        Verification v = auth.verify(a, "AUTH", URI, SECRET);
        assertEquals(VerificationStatus.WRONG_PASSWORD, v.status());
        assertNull(v.rspauth());
        assertThrows(IllegalStateException.class, v::authenticationInfo);
    }

    @Test
    void acceptsStoredHa1AndUppercaseResponse() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c);
        a.put("response", a.get("response").toUpperCase());
        assertTrue(auth.precheck(a, REALM, CONN).ok());
        String ha1 = HandDigest.md5("alice:" + REALM + ":secret");
        assertTrue(auth.verify(a, "AUTH", URI, Credential.ha1(ha1)).ok());
    }

    @Test
    void acceptsFullUsernameWithHa1b() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c, "alice@example.com", "secret", "00000001");
        assertTrue(auth.precheck(a, REALM, CONN).ok());
        Credential stored = Credential.ha1(HandDigest.md5("alice:example.com:secret"),
                HandDigest.md5("alice@example.com:example.com:secret"));
        assertTrue(auth.verify(a, "AUTH", URI, stored).ok());
    }

    @Test
    void reportsExpiredNonceAsStale() {
        Challenge c = auth.challenge(CONN, REALM, false);
        clock.advance(Duration.ofSeconds(15));
        assertTrue(auth.precheck(answer(c), REALM, CONN).ok(), "valid up to and including the TTL");
        Challenge d = auth.challenge(CONN, REALM, false);
        clock.advance(Duration.ofSeconds(16));
        Precheck p = auth.precheck(answer(d), REALM, CONN);
        assertEquals(PrecheckStatus.STALE_NONCE, p.status());
        Challenge again = auth.challenge(CONN, REALM, true);
        assertTrue(again.stale());
        assertTrue(again.headerValue().endsWith(", stale=true"));
    }

    @Test
    void purgesNoncesLongAfterExpiry() {
        Challenge c = auth.challenge(CONN, REALM, false);
        clock.advance(Duration.ofSeconds(31));
        auth.challenge(CONN, REALM, false);
        assertEquals(1, auth.outstandingNonces());
        assertEquals(PrecheckStatus.UNKNOWN_NONCE, auth.precheck(answer(c), REALM, CONN).status());
    }

    @Test
    void rejectsNonceCountThatDoesNotIncrease() {
        Challenge c = auth.challenge(CONN, REALM, false);
        assertTrue(auth.precheck(answer(c, "alice", "secret", "00000002"), REALM, CONN).ok());
        assertEquals(PrecheckStatus.REPLAYED_NONCE,
                auth.precheck(answer(c, "alice", "secret", "00000002"), REALM, CONN).status());
        assertEquals(PrecheckStatus.REPLAYED_NONCE,
                auth.precheck(answer(c, "alice", "secret", "00000001"), REALM, CONN).status());
        assertTrue(auth.precheck(answer(c, "alice", "secret", "00000003"), REALM, CONN).ok());
    }

    @Test
    void rejectsNonceReuseAfterVerify() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> first = answer(c);
        assertTrue(auth.precheck(first, REALM, CONN).ok());
        assertTrue(auth.verify(first, "AUTH", URI, SECRET).ok());
        Map<String, String> second = answer(c, "alice", "secret", "00000002");
        Precheck p = auth.precheck(second, REALM, CONN);
        assertEquals(PrecheckStatus.REPLAYED_NONCE, p.status());
        assertEquals(VerificationStatus.NONCE_USED, auth.verify(first, "AUTH", URI, SECRET).status());
    }

    @Test
    void verifyWithoutPrecheckIsRefused() {
        Challenge c = auth.challenge(CONN, REALM, false);
        assertEquals(VerificationStatus.NONCE_USED,
                auth.verify(answer(c), "AUTH", URI, Credential.cleartext("secret")).status());
    }

    @Test
    void rejectsNonceFromAnotherConnection() {
        Challenge c = auth.challenge(CONN, REALM, false);
        assertEquals(PrecheckStatus.FOREIGN_NONCE, auth.precheck(answer(c), REALM, 2L).status());
    }

    @Test
    void rejectsNonceIssuedForAnotherRealm() {
        Challenge c = auth.challenge(CONN, "other.org", false);
        Map<String, String> a = answer(c);
        a.put("realm", REALM);
        assertEquals(PrecheckStatus.FOREIGN_NONCE, auth.precheck(a, REALM, CONN).status());
    }

    @Test
    void rejectsWrongRealmExactly() {
        Challenge c = auth.challenge(CONN, REALM, false);
        assertEquals(PrecheckStatus.WRONG_REALM, auth.precheck(answer(c), "Example.com", CONN).status());
    }

    @Test
    void rejectsUnknownNonceAndForeignOpaque() {
        Challenge c = auth.challenge(CONN, REALM, false);
        Map<String, String> a = answer(c);
        a.put("nonce", "Pl4dWcKhwplMfm/DmMKQwpvCjGHCnRIxNzk1MzExMjQwLjQ1NzoxMjcuMC4wLjE=");
        assertEquals(PrecheckStatus.UNKNOWN_NONCE, auth.precheck(a, REALM, CONN).status());
        Map<String, String> b = answer(c);
        b.put("opaque", "00000000000000000000000000000000");
        assertEquals(PrecheckStatus.UNKNOWN_NONCE, auth.precheck(b, REALM, CONN).status());
        Map<String, String> noOpaque = answer(c);
        noOpaque.remove("opaque");
        assertTrue(auth.precheck(noOpaque, REALM, CONN).ok());
    }

    @Test
    void rejectsMalformedAuthorization() {
        Challenge c = auth.challenge(CONN, REALM, false);
        for (String key : new String[] {"username", "realm", "nonce", "response", "qop", "nc", "cnonce"}) {
            Map<String, String> a = answer(c);
            a.remove(key);
            assertEquals(PrecheckStatus.MALFORMED, auth.precheck(a, REALM, CONN).status(), key);
        }
        Map<String, String> qop = answer(c);
        qop.put("qop", "auth-int");
        assertEquals(PrecheckStatus.MALFORMED, auth.precheck(qop, REALM, CONN).status());
        Map<String, String> nc = answer(c);
        nc.put("nc", "zz");
        assertEquals(PrecheckStatus.MALFORMED, auth.precheck(nc, REALM, CONN).status());
        Map<String, String> sha = answer(c);
        sha.put("algorithm", "SHA-256");
        assertEquals(PrecheckStatus.MALFORMED, auth.precheck(sha, REALM, CONN).status());
        Map<String, String> md5 = answer(c);
        md5.put("algorithm", "MD5");
        assertTrue(auth.precheck(md5, REALM, CONN).ok());
        assertEquals(PrecheckStatus.MALFORMED, auth.precheck(null, REALM, CONN).status());
    }

    @Test
    void evictsOldestNonceWhenTableIsFull() {
        DigestAuthenticator small = new DigestAuthenticator(Duration.ofSeconds(15), 3, clock);
        Challenge first = small.challenge(CONN, REALM, false);
        for (int i = 0; i < 5; i++) {
            small.challenge(CONN, REALM, false);
            assertTrue(small.outstandingNonces() <= 3);
        }
        assertEquals(3, small.outstandingNonces());
        assertEquals(PrecheckStatus.UNKNOWN_NONCE, small.precheck(answer(first), REALM, CONN).status());
    }

    @Test
    void forgetsNoncesOfClosedConnection() {
        Challenge mine = auth.challenge(CONN, REALM, false);
        auth.challenge(CONN, REALM, false);
        Challenge other = auth.challenge(2L, REALM, false);
        auth.forgetConnection(CONN);
        assertEquals(1, auth.outstandingNonces());
        assertEquals(PrecheckStatus.UNKNOWN_NONCE, auth.precheck(answer(mine), REALM, CONN).status());
        assertTrue(auth.precheck(answer(other), REALM, 2L).ok());
    }

    @Test
    void issuesRandomNoncesOfAtLeast128Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Challenge c = auth.challenge(CONN, REALM, false);
            assertTrue(Base64.getUrlDecoder().decode(c.nonce()).length >= 16);
            assertTrue(seen.add(c.nonce()));
            assertTrue(seen.add(c.opaque()));
        }
        Challenge a = auth.challenge(CONN, REALM, false);
        Challenge b = auth.challenge(CONN, REALM, false);
        assertNotEquals(a.opaque(), b.opaque());
    }

    @Test
    void formatsChallengeHeader() {
        Challenge c = new Challenge("example.com", "abc", "0123", false);
        assertEquals("Digest realm=\"example.com\", nonce=\"abc\", qop=\"auth\", opaque=\"0123\"", c.headerValue());
        Challenge odd = new Challenge("a\"b\\c", "n", "o", true);
        assertEquals("Digest realm=\"a\\\"b\\\\c\", nonce=\"n\", qop=\"auth\", opaque=\"o\", stale=true",
                odd.headerValue());
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DigestAuthenticator(Duration.ZERO, 1, clock));
        assertThrows(IllegalArgumentException.class, () -> new DigestAuthenticator(Duration.ofSeconds(1), 0, clock));
        assertFalse(new Verification(VerificationStatus.NONCE_USED, null).ok());
    }
}
