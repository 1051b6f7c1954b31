package org.msrprelay.auth.digest;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.internal.Md5;

/**
 * Digest authentication of MSRP {@code AUTH} requests (RFC 4976 section 6.1) with RFC 2617
 * section 3.2 qop {@code auth} and MD5.
 *
 * <p>Unlike RFC 2617's stateless suggestion, nonces are remembered: each is random (144 bits from
 * {@link SecureRandom}), bound to the connection and realm it was issued for, expires after the
 * nonce TTL, and verifies at most once. The table is bounded: when it is full the oldest nonce is
 * evicted. An expired nonce is still recognised (and reported {@link PrecheckStatus#STALE_NONCE})
 * for one more TTL, then purged.
 *
 * <p>Use: {@link #challenge} for a 401; on the next AUTH, {@link #precheck} (no secret needed), then
 * the credential look-up, then {@link #verify}. A nonce count accepted by precheck is consumed, so
 * the same Authorization cannot pass precheck twice. Thread safe.
 */
public final class DigestAuthenticator {
    private static final int NONCE_BYTES = 18;
    private static final int OPAQUE_BYTES = 16;
    private static final Pattern NC = Pattern.compile("[0-9a-fA-F]{1,8}");
    private static final Base64.Encoder NONCE_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final Duration nonceTtl;
    private final int maxOutstandingNonces;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    /** Insertion order is issue order, so the first entry is the oldest. Guarded by {@link #lock}. */
    private final LinkedHashMap<String, NonceState> nonces = new LinkedHashMap<>();
    /** Nonces per connection key, for {@link #forgetConnection}. Guarded by {@link #lock}. */
    private final Map<Object, Set<String>> byConnection = new HashMap<>();

    /**
     * @param nonceTtl how long a nonce may be used after it was issued
     * @param maxOutstandingNonces how many nonces are remembered at most; the oldest is evicted beyond
     * @param clock the time source for issue and expiry
     */
    public DigestAuthenticator(Duration nonceTtl, int maxOutstandingNonces, Clock clock) {
        if (nonceTtl.isNegative() || nonceTtl.isZero()) {
            throw new IllegalArgumentException("nonceTtl must be positive");
        }
        if (maxOutstandingNonces < 1) {
            throw new IllegalArgumentException("maxOutstandingNonces must be at least 1");
        }
        this.nonceTtl = nonceTtl;
        this.maxOutstandingNonces = maxOutstandingNonces;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a fresh challenge bound to the connection and realm.
     *
     * @param connectionKey identifies the connection (equals/hashCode), e.g. a session id
     * @param stale whether to tell the client its previous nonce expired
     */
    public Challenge challenge(Object connectionKey, String realm, boolean stale) {
        Objects.requireNonNull(connectionKey, "connectionKey");
        Objects.requireNonNull(realm, "realm");
        String nonce = NONCE_ENCODING.encodeToString(randomBytes(NONCE_BYTES));
        String opaque = HexFormat.of().formatHex(randomBytes(OPAQUE_BYTES));
        Instant now = clock.instant();
        synchronized (lock) {
            purgeExpired(now);
            while (nonces.size() >= maxOutstandingNonces) {
                remove(nonces.keySet().iterator().next());
            }
            nonces.put(nonce, new NonceState(connectionKey, realm, opaque, now));
            byConnection.computeIfAbsent(connectionKey, k -> new HashSet<>()).add(nonce);
        }
        return new Challenge(realm, nonce, opaque, stale);
    }

    /**
     * Checks what can be checked without the secret, in this order: the required parameters
     * ({@code username}, {@code realm}, {@code nonce}, {@code response}; qop {@code auth} with
     * {@code nc} and {@code cnonce}; no algorithm other than MD5), the realm (exact match), the nonce
     * being ours (and the opaque, when sent, being the one issued with it), issued to this connection
     * for this realm, not expired, not verified yet, and a nonce count greater than the last one
     * accepted. On OK the nonce count is consumed.
     *
     * @param authorization the Authorization digest parameters, lowercase keys, unquoted values
     * @param realm the realm expected for this AUTH
     * @param connectionKey the connection the AUTH arrived on
     */
    public Precheck precheck(Map<String, String> authorization, String realm, Object connectionKey) {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(connectionKey, "connectionKey");
        String malformed = malformation(authorization);
        if (malformed != null) {
            return new Precheck(PrecheckStatus.MALFORMED, malformed);
        }
        if (!realm.equals(authorization.get("realm"))) {
            return new Precheck(PrecheckStatus.WRONG_REALM, "realm does not match");
        }
        long nc = Long.parseLong(authorization.get("nc"), 16);
        String opaque = authorization.get("opaque");
        Instant now = clock.instant();
        synchronized (lock) {
            NonceState state = nonces.get(authorization.get("nonce"));
            if (state == null) {
                return new Precheck(PrecheckStatus.UNKNOWN_NONCE, "nonce not issued here, or forgotten");
            }
            if (opaque != null && !opaque.equals(state.opaque)) {
                return new Precheck(PrecheckStatus.UNKNOWN_NONCE, "opaque does not belong to the nonce");
            }
            if (!state.connectionKey.equals(connectionKey)) {
                return new Precheck(PrecheckStatus.FOREIGN_NONCE, "nonce issued to another connection");
            }
            if (!state.realm.equals(realm)) {
                return new Precheck(PrecheckStatus.FOREIGN_NONCE, "nonce issued for another realm");
            }
            if (isExpired(state, now)) {
                return new Precheck(PrecheckStatus.STALE_NONCE, "nonce expired");
            }
            if (state.used) {
                return new Precheck(PrecheckStatus.REPLAYED_NONCE, "nonce already used");
            }
            if (nc <= state.lastNc) {
                return new Precheck(PrecheckStatus.REPLAYED_NONCE, "nonce count did not increase");
            }
            state.lastNc = nc;
        }
        return new Precheck(PrecheckStatus.OK, "ok");
    }

    /**
     * Compares the client's response with the one computed from the credential, after a
     * {@link #precheck} returned OK for the same Authorization. The nonce is used up whatever the
     * outcome. {@code HA2 = MD5(method ":" digestUri)}; when the Authorization carries {@code uri}
     * it must equal {@code digestUri}.
     *
     * @param method the request method, {@code AUTH} for MSRP
     * @param digestUri the To-Path URI of the AUTH as sent
     * @return on success also the rspauth {@code MD5(HA1:nonce:nc:cnonce:auth:MD5(":" digestUri))}
     */
    public Verification verify(Map<String, String> authorization, String method, String digestUri,
                               Credential credential) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(digestUri, "digestUri");
        Objects.requireNonNull(credential, "credential");
        if (malformation(authorization) != null || !consume(authorization.get("nonce"), authorization.get("nc"))) {
            return new Verification(VerificationStatus.NONCE_USED, null);
        }
        String uri = authorization.get("uri");
        if (uri != null && !uri.equals(digestUri)) {
            return new Verification(VerificationStatus.WRONG_URI, null);
        }
        String nonce = authorization.get("nonce");
        String nc = authorization.get("nc");
        String cnonce = authorization.get("cnonce");
        String ha1 = credential.ha1For(authorization.get("username"), authorization.get("realm"));
        String expected = Digests.response(ha1, nonce, nc, cnonce, "auth", method, digestUri);
        if (!Md5.sameDigest(expected, authorization.get("response").toLowerCase(Locale.ROOT))) {
            return new Verification(VerificationStatus.WRONG_PASSWORD, null);
        }
        return new Verification(VerificationStatus.OK, Digests.rspauth(ha1, nonce, nc, cnonce, digestUri), cnonce, nc);
    }

    /** Forgets every nonce issued to the connection, e.g. when it closes. */
    public void forgetConnection(Object connectionKey) {
        synchronized (lock) {
            Set<String> issued = byConnection.remove(connectionKey);
            if (issued != null) {
                issued.forEach(nonces::remove);
            }
        }
    }

    /** How many nonces are remembered: issued and not yet evicted, forgotten or purged after expiry. */
    public int outstandingNonces() {
        synchronized (lock) {
            return nonces.size();
        }
    }

    /** Marks the nonce used if it is known, unused, and precheck accepted this nonce count. */
    private boolean consume(String nonce, String nc) {
        long count = Long.parseLong(nc, 16);
        synchronized (lock) {
            NonceState state = nonces.get(nonce);
            if (state == null || state.used || state.lastNc != count) {
                return false;
            }
            state.used = true;
            return true;
        }
    }

    /** Why the parameters are unusable, or {@code null} when they are complete and well formed. */
    private static String malformation(Map<String, String> authorization) {
        if (authorization == null) {
            return "no Authorization parameters";
        }
        for (String required : new String[] {"username", "realm", "nonce", "response", "qop", "nc", "cnonce"}) {
            String value = authorization.get(required);
            if (value == null || value.isEmpty()) {
                return "missing " + required;
            }
        }
        if (!"auth".equals(authorization.get("qop"))) {
            return "qop is not auth";
        }
        if (!NC.matcher(authorization.get("nc")).matches()) {
            return "nc is not hex";
        }
        if (!Md5.isHex32(authorization.get("response"))) {
            return "response is not 32 hex digits";
        }
        String algorithm = authorization.get("algorithm");
        if (algorithm != null && !"MD5".equalsIgnoreCase(algorithm)) {
            return "algorithm is not MD5";
        }
        return null;
    }

    private boolean isExpired(NonceState state, Instant now) {
        return now.isAfter(state.issuedAt.plus(nonceTtl));
    }

    /** Drops nonces older than two TTLs, oldest first; until then an expired nonce reads as stale. */
    private void purgeExpired(Instant now) {
        Instant limit = now.minus(nonceTtl.multipliedBy(2));
        Iterator<Map.Entry<String, NonceState>> it = nonces.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, NonceState> oldest = it.next();
            if (!oldest.getValue().issuedAt.isBefore(limit)) {
                return;
            }
            it.remove();
            unindex(oldest.getKey(), oldest.getValue().connectionKey);
        }
    }

    private void remove(String nonce) {
        NonceState state = nonces.remove(nonce);
        if (state != null) {
            unindex(nonce, state.connectionKey);
        }
    }

    private void unindex(String nonce, Object connectionKey) {
        Set<String> issued = byConnection.get(connectionKey);
        if (issued != null && issued.remove(nonce) && issued.isEmpty()) {
            byConnection.remove(connectionKey);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** What is remembered about one issued nonce. Mutable fields are guarded by the authenticator's lock. */
    private static final class NonceState {
        final Object connectionKey;
        final String realm;
        final String opaque;
        final Instant issuedAt;
        long lastNc;
        boolean used;

        NonceState(Object connectionKey, String realm, String opaque, Instant issuedAt) {
            this.connectionKey = connectionKey;
            this.realm = realm;
            this.opaque = opaque;
            this.issuedAt = issuedAt;
        }
    }
}
