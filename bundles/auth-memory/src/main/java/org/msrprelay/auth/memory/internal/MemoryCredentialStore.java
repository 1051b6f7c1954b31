package org.msrprelay.auth.memory.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.CredentialStoreException;
import org.msrprelay.auth.api.WritableCredentialStore;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts from the Config Admin PID {@value #PID}: every {@code user@domain = password} property
 * (SPEC section 2). A configuration change swaps an immutable snapshot, so it applies to the next
 * look-up. {@link #addUser} and {@link #removeUser} write through Config Admin, which Karaf saves to
 * {@code etc/org.msrprelay.auth.memory.cfg}. Registered by {@link MemoryBackendComponent}.
 */
public final class MemoryCredentialStore implements WritableCredentialStore {
    static final String PID = "org.msrprelay.auth.memory";
    private static final Logger LOG = LoggerFactory.getLogger(MemoryCredentialStore.class);

    private final ConfigurationAdmin configAdmin;
    private final Object writeLock = new Object();
    private volatile Accounts accounts;

    public MemoryCredentialStore(ConfigurationAdmin configAdmin, Map<String, Object> properties) {
        this.configAdmin = configAdmin;
        this.accounts = load(properties);
    }

    void modified(Map<String, Object> properties) {
        accounts = load(properties);
    }

    private static Accounts load(Map<String, Object> properties) {
        Accounts loaded = Accounts.parse(properties);
        LOG.info("memory backend: loaded accounts={}", loaded.size());
        return loaded;
    }

    @Override
    public Optional<Credential> lookup(String username, String domain) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(domain, "domain");
        return accounts.password(username, domain).map(Credential::cleartext);
    }

    @Override
    public void addUser(String username, String domain, String password) throws CredentialStoreException {
        Objects.requireNonNull(password, "password");
        checkName(username, "user name");
        checkName(domain, "domain");
        synchronized (writeLock) {
            Hashtable<String, Object> next = currentProperties();
            removeKeys(next, username, domain);
            next.put(username + "@" + domain, password);
            store(next);
        }
        LOG.info("memory backend: stored account={}@{}", username, domain);
    }

    @Override
    public boolean removeUser(String username, String domain) throws CredentialStoreException {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(domain, "domain");
        synchronized (writeLock) {
            Hashtable<String, Object> next = currentProperties();
            if (!removeKeys(next, username, domain)) {
                return false;
            }
            store(next);
        }
        LOG.info("memory backend: removed account={}@{}", username, domain);
        return true;
    }

    @Override
    public List<String> listUsers() {
        return accounts.names();
    }

    private static void checkName(String value, String what) throws CredentialStoreException {
        if (value == null || !Accounts.NAME_PART.matcher(value).matches()) {
            throw new CredentialStoreException("invalid " + what + ": it must be non-empty without '@', "
                    + "whitespace, '=', ':', '#', '!' or '\\'");
        }
    }

    private Configuration configuration() throws IOException {
        // "?": a multi-location configuration, so it stays bound to this PID whoever created it.
        return configAdmin.getConfiguration(PID, "?");
    }

    private Hashtable<String, Object> currentProperties() throws CredentialStoreException {
        try {
            Dictionary<String, Object> current = configuration().getProperties();
            Hashtable<String, Object> copy = new Hashtable<>();
            if (current != null) {
                for (String key : Collections.list(current.keys())) {
                    copy.put(key, current.get(key));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new CredentialStoreException("memory backend: cannot read " + PID + ": " + e.getMessage(), e);
        }
    }

    /** Removes every spelling of the account's key; returns whether there was one. */
    private static boolean removeKeys(Hashtable<String, Object> properties, String username, String domain) {
        return properties.keySet().removeIf(key -> Accounts.isKeyOf(key, username, domain));
    }

    /** Saves the properties and applies them at once, before Config Admin calls {@link #modified}. */
    private void store(Hashtable<String, Object> properties) throws CredentialStoreException {
        try {
            configuration().update(properties);
        } catch (IOException e) {
            throw new CredentialStoreException("memory backend: cannot save " + PID + ": " + e.getMessage(), e);
        }
        accounts = Accounts.parse(properties);
    }
}
