package org.msrprelay.auth.digest;

import java.util.Objects;

/**
 * Result of {@link DigestAuthenticator#verify}.
 *
 * @param status what was found
 * @param rspauth on success the RFC 2617 section 3.2.3 response-auth, else {@code null}
 * @param cnonce on success the client nonce to echo in {@code Authentication-Info}, else {@code null}
 * @param nc on success the nonce count to echo in {@code Authentication-Info}, else {@code null}
 */
public record Verification(VerificationStatus status, String rspauth, String cnonce, String nc) {

    public Verification {
        Objects.requireNonNull(status, "status");
    }

    /** A verification with only a status and an rspauth (no cnonce or nc to echo). */
    public Verification(VerificationStatus status, String rspauth) {
        this(status, rspauth, null, null);
    }

    public boolean ok() {
        return status == VerificationStatus.OK;
    }

    /**
     * The {@code Authentication-Info} header value of the 200 (RFC 2617 section 3.2.3, RFC 4976
     * section 6.1), e.g. {@code qop=auth, cnonce="0a4f113b", nc=00000001, rspauth="6629fae4..."}.
     *
     * @throws IllegalStateException when the verification failed
     */
    public String authenticationInfo() {
        if (!ok() || rspauth == null) {
            throw new IllegalStateException("no Authentication-Info for a failed verification");
        }
        StringBuilder b = new StringBuilder(96).append("qop=auth");
        if (cnonce != null) {
            Challenge.quote(b.append(", cnonce="), cnonce);
        }
        if (nc != null) {
            b.append(", nc=").append(nc);
        }
        Challenge.quote(b.append(", rspauth="), rspauth);
        return b.toString();
    }
}
