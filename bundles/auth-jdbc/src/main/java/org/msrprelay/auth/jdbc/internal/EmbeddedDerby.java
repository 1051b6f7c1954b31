package org.msrprelay.auth.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Derby through {@link EmbeddedDataSource}, never {@code DriverManager} (whose class
 * loading does not work in OSGi; shared/reference/osgi-stack.md section 7.3). The URL form is
 * {@code jdbc:derby:<database>[;attribute=value]*}. The Derby engine of this bundle is shut down
 * when the last connector closes, so its threads do not outlive the bundle.
 */
final class EmbeddedDerby implements Connector {
    static final String PREFIX = "jdbc:derby:";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDerby.class);
    private static final Object ENGINE_LOCK = new Object();
    /** Open connectors; guarded by {@link #ENGINE_LOCK}. */
    private static int engineUsers;

    private final String databaseName;
    private final String user;
    private final String password;
    private final EmbeddedDataSource dataSource;
    private boolean closed;

    EmbeddedDerby(String url, String user, String password, int loginTimeoutSeconds) {
        this.databaseName = databaseName(url);
        this.user = user;
        this.password = password;
        this.dataSource = dataSource(databaseName, user, password);
        int semicolon = url.indexOf(';');
        if (semicolon >= 0) {
            dataSource.setConnectionAttributes(url.substring(semicolon + 1));
        }
        try {
            dataSource.setLoginTimeout(loginTimeoutSeconds);
        } catch (SQLException e) {
            // Only a hint to Derby; the pool bounds the wait for a connection anyway.
        }
        synchronized (ENGINE_LOCK) {
            engineUsers++;
        }
    }

    /** Whether the URL is embedded Derby with a database name (not the network client's {@code jdbc:derby://}). */
    static boolean handles(String url) {
        return url.startsWith(PREFIX) && !url.startsWith(PREFIX + "//");
    }

    /** The database part of an embedded Derby URL. */
    static String databaseName(String url) {
        String rest = url.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        return semicolon < 0 ? rest : rest.substring(0, semicolon);
    }

    private static EmbeddedDataSource dataSource(String databaseName, String user, String password) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(databaseName);
        if (!user.isEmpty()) {
            ds.setUser(user);
        }
        if (!password.isEmpty()) {
            ds.setPassword(password);
        }
        return ds;
    }

    @Override
    public Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public boolean createsSchema() {
        return true;
    }

    @Override
    public String databaseKey() {
        return PREFIX + databaseName;
    }

    @Override
    public void close(boolean shutdownDatabase) {
        boolean lastUser;
        synchronized (ENGINE_LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            lastUser = --engineUsers == 0;
        }
        // Derby reports a clean shutdown with an exception: 08006 for a database, XJ015 for the engine,
        // which also stops every database it runs.
        if (lastUser) {
            shutdown(dataSource("", "", ""), "XJ015");
        } else if (shutdownDatabase) {
            shutdown(dataSource(databaseName, user, password), "08006");
        }
    }

    private void shutdown(EmbeddedDataSource ds, String expectedState) {
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
            LOG.warn("embedded Derby: shutdown of database={} returned a connection", databaseName);
        } catch (SQLException e) {
            if (!expectedState.equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                LOG.warn("embedded Derby: shutdown of database={} failed: {} (SQLState {})", databaseName,
                        e.getMessage(), e.getSQLState());
            }
        }
    }
}
