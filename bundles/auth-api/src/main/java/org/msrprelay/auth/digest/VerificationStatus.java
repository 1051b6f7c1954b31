package org.msrprelay.auth.digest;

/** Outcome of {@link DigestAuthenticator#verify}. */
public enum VerificationStatus {
    /** The response matches: the client knows the secret. */
    OK,
    /** The response does not match (wrong password, or a username or realm the secret was not made for). */
    WRONG_PASSWORD,
    /** The Authorization's {@code uri} differs from the To-Path URI of the AUTH. */
    WRONG_URI,
    /** The nonce was already verified, is no longer known, or this nonce count did not pass precheck first. */
    NONCE_USED
}
