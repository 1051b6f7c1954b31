package org.msrprelay.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * A database server that hangs: a listener on 127.0.0.1 that never accepts, so the kernel completes
 * each TCP handshake and then nothing answers. {@link #register} publishes a stand-in for a pax-jdbc
 * {@link DataSourceFactory} whose driver takes {@link #url()} and waits for the server's greeting,
 * as a network driver does. Closing ends every connect attempt at once.
 */
final class UnresponsiveDatabase implements AutoCloseable {
    private final ServerSocket listener;
    private final Set<Socket> attempts = ConcurrentHashMap.newKeySet();
    private ServiceRegistration<DataSourceFactory> registration;

    UnresponsiveDatabase() throws IOException {
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    }

    /** A Derby network-client URL pointing at this server. */
    String url() {
        return "jdbc:derby://127.0.0.1:" + listener.getLocalPort() + "/x";
    }

    /** Publishes the driver as a DataSourceFactory service, as pax-jdbc-derbyclient would. */
    void register(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, HangingDriver.class.getName());
        props.put(DataSourceFactory.OSGI_JDBC_DRIVER_NAME, "itest-unresponsive");
        registration = context.registerService(DataSourceFactory.class, new Factory(), props);
    }

    @Override
    public void close() throws IOException {
        if (registration != null) {
            registration.unregister();
        }
        for (Socket s : attempts) {
            s.close();
        }
        listener.close();
    }

    private final class Factory implements DataSourceFactory {
        @Override
        public Driver createDriver(Properties props) {
            return new HangingDriver();
        }

        @Override
        public DataSource createDataSource(Properties props) throws SQLException {
            throw new SQLFeatureNotSupportedException("driver only");
        }

        @Override
        public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) throws SQLException {
            throw new SQLFeatureNotSupportedException("driver only");
        }

        @Override
        public XADataSource createXADataSource(Properties props) throws SQLException {
            throw new SQLFeatureNotSupportedException("driver only");
        }
    }

    private final class HangingDriver implements Driver {
        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            try (Socket s = new Socket()) {
                attempts.add(s);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5_000);
                s.setSoTimeout(120_000); // only a backstop: close() ends the wait
                s.getInputStream().read();
                throw new SQLNonTransientConnectionException("the database closed the connection", "08006");
            } catch (IOException e) {
                throw new SQLNonTransientConnectionException("the database is unreachable: " + e.getMessage(), "08001", e);
            } finally {
                attempts.removeIf(Socket::isClosed);
            }
        }

        @Override
        public boolean acceptsURL(String url) {
            return url().equals(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging");
        }
    }
}
