package org.msrprelay.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of account secrets for RFC 4976 section 6.1 client authentication. Backends register
 * this interface as an OSGi service with the {@link #BACKEND_PROPERTY} property; the relay picks
 * the backend named by its {@code backend} setting.
 *
 * <p>The store only returns the secret; the RFC 2617 section 3.2.2 digest computation is done once,
 * by {@code org.msrprelay.auth.digest.DigestAuthenticator}. Implementations must be thread safe.
 */
@ConsumerType
public interface CredentialStore {

    /** Service property naming the backend, e.g. {@code "memory"}, {@code "jdbc"}. */
    String BACKEND_PROPERTY = "msrprelay.backend";

    /**
     * Looks up an account. May block (a database round trip): callers run it off I/O threads and
     * bound the wait.
     *
     * @param username the user part of the account, e.g. {@code alice} (never {@code alice@domain})
     * @param domain the domain of the account, which is the digest realm
     * @return the account's secret, or empty when there is no such account
     * @throws CredentialStoreException when the backend is unavailable or failed; the message says why
     */
    Optional<Credential> lookup(String username, String domain) throws CredentialStoreException;
}
