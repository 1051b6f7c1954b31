package org.msrprelay.auth.jdbc.internal;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.CredentialStoreException;
import org.msrprelay.auth.api.WritableCredentialStore;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in an SQL subscriber table (SPEC section 2, {@code org.msrprelay.auth.jdbc}): embedded
 * Derby by default, any database with a pax-jdbc {@link DataSourceFactory} otherwise. A
 * configuration change that keeps the connection settings swaps the SQL only; one that changes
 * them builds a new pool, swaps it in, then closes the old one. An invalid change is logged and
 * ignored.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.msrprelay.auth.api.CredentialStore,org.msrprelay.auth.api.WritableCredentialStore\"",
        uses = CredentialStore.class)
@Component(
        service = {},
        immediate = true,
        configurationPid = JdbcCredentialStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JdbcConfig.class)
public final class JdbcCredentialStore implements WritableCredentialStore {
    static final String PID = "org.msrprelay.auth.jdbc";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCredentialStore.class);

    private final Collection<DataSourceFactory> factories = new CopyOnWriteArrayList<>();
    private final Object configLock = new Object();
    private volatile SubscriberTable table;

    private ServiceRegistration<?> registration;

    /**
     * Registers itself with the single property {@code msrprelay.backend=jdbc}: a DS service would
     * publish every configuration property, the database password included, in {@code service:list}.
     */
    @Activate
    public JdbcCredentialStore(JdbcConfig config, BundleContext context) {
        this(config, List.of());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CredentialStore.BACKEND_PROPERTY, "jdbc");
        registration = context.registerService(
                new String[] {CredentialStore.class.getName(), WritableCredentialStore.class.getName()}, this, props);
    }

    /** With factories known from the start, as DS would bind them right after construction. */
    JdbcCredentialStore(JdbcConfig config, Collection<DataSourceFactory> initialFactories) {
        factories.addAll(initialFactories);
        JdbcSettings settings;
        try {
            settings = JdbcSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("JDBC backend: invalid configuration {}: {}", PID, e.getMessage());
            throw e;
        }
        table = open(settings);
        LOG.info("JDBC backend: started with {}", settings);
        if (table.connector().createsSchema()) {
            warmUp(table);
        }
    }

    @Modified
    void modified(JdbcConfig config) {
        JdbcSettings next;
        try {
            next = JdbcSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("JDBC backend: configuration change rejected, the previous one stays in force: {}",
                    e.getMessage());
            return;
        }
        synchronized (configLock) {
            SubscriberTable old = table;
            if (old.settings().equals(next)) {
                return;
            }
            if (old.settings().sameConnection(next)) {
                table = old.reconfigured(next);
                LOG.info("JDBC backend: reconfigured with {}", next);
                return;
            }
            SubscriberTable fresh = open(next);
            table = fresh;
            old.close(!old.connector().databaseKey().equals(fresh.connector().databaseKey()));
            LOG.info("JDBC backend: reconnected with {}", next);
            warmUp(fresh);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        synchronized (configLock) {
            table.close(true);
        }
    }

    @Reference(service = DataSourceFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeDataSourceFactory")
    void addDataSourceFactory(DataSourceFactory factory) {
        factories.add(factory);
        SubscriberTable current = table;
        if (current != null && current.health().state() != HealthLog.State.UP && accepts(factory, current)) {
            warmUp(current);
        }
    }

    void removeDataSourceFactory(DataSourceFactory factory) {
        factories.remove(factory);
    }

    @Override
    public Optional<Credential> lookup(String username, String domain) throws CredentialStoreException {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(domain, "domain");
        return call(t -> t.lookup(username, domain), true);
    }

    @Override
    public void addUser(String username, String domain, String password) throws CredentialStoreException {
        checkName(username, "user name");
        checkName(domain, "domain");
        Objects.requireNonNull(password, "password");
        call(t -> {
            t.upsert(username, domain, password);
            return null;
        }, true);
        LOG.info("JDBC backend: stored account={}@{}", username, domain);
    }

    @Override
    public boolean removeUser(String username, String domain) throws CredentialStoreException {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(domain, "domain");
        boolean removed = call(t -> t.delete(username, domain), true);
        if (removed) {
            LOG.info("JDBC backend: removed account={}@{}", username, domain);
        }
        return removed;
    }

    @Override
    public List<String> listUsers() throws CredentialStoreException {
        return call(SubscriberTable::list, true);
    }

    /** The current table, for tests. */
    SubscriberTable table() {
        return table;
    }

    private SubscriberTable open(JdbcSettings s) {
        Connector connector = EmbeddedDerby.handles(s.url())
                ? new EmbeddedDerby(s.url(), s.user(), s.password(), s.connectTimeoutSeconds())
                : new FactoryConnector(s.url(), s.user(), s.password(), factories);
        ConnectionPool pool = new ConnectionPool(connector::open, s.poolSize(),
                Duration.ofSeconds(s.connectTimeoutSeconds()));
        return new SubscriberTable(s, connector, pool);
    }

    /** Connects in the background, so that the first AUTH does not pay for booting or creating the database. */
    private void warmUp(SubscriberTable t) {
        Thread thread = new Thread(() -> {
            try {
                run(t, checked -> {
                    checked.check();
                    return null;
                });
            } catch (CredentialStoreException e) {
                // Already logged by the health log; a look-up will try again.
            }
        }, "msrprelay-jdbc-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean accepts(DataSourceFactory factory, SubscriberTable t) {
        return FactoryConnector.driverFor(factory, t.settings().url()) != null;
    }

    @FunctionalInterface
    private interface TableCall<T> {
        T run(SubscriberTable t) throws SQLException;
    }

    /** Runs the call; when a configuration change closed the table meanwhile, once more on the new one. */
    private <T> T call(TableCall<T> work, boolean retryOnSwap) throws CredentialStoreException {
        SubscriberTable t = table;
        try {
            return run(t, work);
        } catch (CredentialStoreException e) {
            if (retryOnSwap && t.pool().isClosed() && table != t) {
                return call(work, false);
            }
            throw e;
        }
    }

    private static <T> T run(SubscriberTable t, TableCall<T> work) throws CredentialStoreException {
        try {
            T result = work.run(t);
            t.health().up();
            return result;
        } catch (SQLException e) {
            if (t.pool().isClosed()) {
                // Not an outage: this backend was deactivated or replaced while the call ran.
                throw new CredentialStoreException("JDBC backend stopped or reconfigured: " + e.getMessage(), e);
            }
            if (isUnavailability(e)) {
                t.health().down(e);
            } else {
                t.health().up();
            }
            throw new CredentialStoreException(describe(e), e);
        }
    }

    /** Everything but errors caused by the values themselves (SQLState classes 22 and 23). */
    private static boolean isUnavailability(SQLException e) {
        String state = e.getSQLState();
        return state == null || !(state.startsWith("22") || state.startsWith("23"));
    }

    private static String describe(SQLException e) {
        String kind;
        if (e instanceof SQLTimeoutException || e instanceof SQLTransientConnectionException) {
            kind = "JDBC backend unavailable (timed out)";
        } else {
            kind = isUnavailability(e) ? "JDBC backend unavailable" : "JDBC backend rejected the change";
        }
        return kind + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }

    private static void checkName(String value, String what) throws CredentialStoreException {
        if (value == null || value.isEmpty() || value.indexOf('@') >= 0 || !value.strip().equals(value)) {
            throw new CredentialStoreException("invalid " + what + ": it must be non-empty, without '@' or "
                    + "surrounding whitespace");
        }
    }
}
