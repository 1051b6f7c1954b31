package org.msrprelay.auth.digest;

/** Outcome of {@link DigestAuthenticator#precheck}, the checks that need no secret. */
public enum PrecheckStatus {
    /** Everything checkable without the secret is fine: look up the credential, then verify. */
    OK,
    /** A required parameter is missing or has the wrong form, qop is not {@code auth}, or the algorithm is not MD5. */
    MALFORMED,
    /** The realm differs from the one expected for this AUTH. */
    WRONG_REALM,
    /** The nonce was not issued by this authenticator, was evicted or forgotten, or the opaque does not match. */
    UNKNOWN_NONCE,
    /** The nonce was issued to another connection or for another realm. */
    FOREIGN_NONCE,
    /** The nonce has expired: challenge again with {@code stale=true} (RFC 2617 section 3.2.1). */
    STALE_NONCE,
    /** The nonce was already verified once, or the nonce count did not increase (RFC 2617 section 3.2.2). */
    REPLAYED_NONCE
}
