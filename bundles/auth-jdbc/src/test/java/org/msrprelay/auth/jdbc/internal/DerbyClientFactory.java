package org.msrprelay.auth.jdbc.internal;

import java.sql.Driver;
import java.util.Properties;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.apache.derby.jdbc.ClientDriver;
import org.osgi.service.jdbc.DataSourceFactory;

/** What pax-jdbc-derbyclient registers: a DataSourceFactory for Derby's network client. */
final class DerbyClientFactory implements DataSourceFactory {

    @Override
    public Driver createDriver(Properties props) {
        return new ClientDriver();
    }

    @Override
    public DataSource createDataSource(Properties props) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) {
        throw new UnsupportedOperationException();
    }

    @Override
    public XADataSource createXADataSource(Properties props) {
        throw new UnsupportedOperationException();
    }
}
