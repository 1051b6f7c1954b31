package org.msrprelay.auth.jdbc.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Collection;
import java.util.Properties;

import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Connects through whichever {@link DataSourceFactory} service (pax-jdbc, OSGi Compendium
 * chapter 125) has a driver that accepts the URL, looked up at each connect, so a driver installed
 * after the backend is used as soon as it appears.
 */
final class FactoryConnector implements Connector {
    private final String url;
    private final String user;
    private final String password;
    private final Collection<DataSourceFactory> factories;

    /** @param factories the live collection of registered factories */
    FactoryConnector(String url, String user, String password, Collection<DataSourceFactory> factories) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.factories = factories;
    }

    @Override
    public Connection open() throws SQLException {
        for (DataSourceFactory factory : factories) {
            Driver driver = driverFor(factory, url);
            if (driver != null) {
                Properties info = new Properties();
                if (!user.isEmpty()) {
                    info.setProperty(DataSourceFactory.JDBC_USER, user);
                }
                if (!password.isEmpty()) {
                    info.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
                }
                Connection c = driver.connect(url, info);
                if (c != null) {
                    return c;
                }
            }
        }
        throw new SQLNonTransientConnectionException("no JDBC driver for " + JdbcSettings.redact(url)
                + ": install the pax-jdbc feature of the database (a DataSourceFactory service)", "08001");
    }

    /** The factory's driver if it accepts the URL, else {@code null}; a factory that fails is skipped. */
    static Driver driverFor(DataSourceFactory factory, String url) {
        try {
            Driver driver = factory.createDriver(new Properties());
            return driver != null && driver.acceptsURL(url) ? driver : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean createsSchema() {
        return false;
    }

    @Override
    public String databaseKey() {
        return url;
    }

    @Override
    public void close(boolean shutdownDatabase) {
        // Nothing held: connections belong to the pool.
    }
}
