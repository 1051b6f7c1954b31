package org.msrprelay.auth.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link CredentialStore} whose accounts can be managed, e.g. by the {@code msrp:user-add},
 * {@code msrp:user-remove} and {@code msrp:user-list} shell commands. Changes are persistent and
 * apply to the next look-up.
 */
@ConsumerType
public interface WritableCredentialStore extends CredentialStore {

    /**
     * Adds an account, replacing the password of an existing one. Backends that can store an
     * RFC 2617 HA1 store that instead of the password unless they are in cleartext mode.
     *
     * @throws CredentialStoreException when the name is not acceptable to the backend, or the
     *         backend is unavailable or failed
     */
    void addUser(String username, String domain, String password) throws CredentialStoreException;

    /**
     * Removes an account.
     *
     * @return whether the account existed
     */
    boolean removeUser(String username, String domain) throws CredentialStoreException;

    /** All accounts as {@code user@domain}, sorted. */
    List<String> listUsers() throws CredentialStoreException;
}
