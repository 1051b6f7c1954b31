package org.msrprelay.auth.digest;

import java.util.Objects;

/**
 * Result of {@link DigestAuthenticator#precheck}.
 *
 * @param status what was found
 * @param detail a short reason for logs; never contains a secret
 */
public record Precheck(PrecheckStatus status, String detail) {

    public Precheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean ok() {
        return status == PrecheckStatus.OK;
    }
}
