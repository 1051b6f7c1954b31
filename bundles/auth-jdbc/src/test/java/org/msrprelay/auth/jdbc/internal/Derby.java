package org.msrprelay.auth.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** Direct access to test databases, beside the code under test. */
final class Derby {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Derby() {
    }

    /** A fresh in-memory database URL. */
    static String memoryUrl() {
        return "jdbc:derby:memory:test" + COUNTER.incrementAndGet() + "_" + System.nanoTime() + ";create=true";
    }

    static Connection connect(String databaseName) throws SQLException {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(databaseName);
        ds.setCreateDatabase("create");
        return ds.getConnection();
    }

    static void execute(String databaseName, String... statements) throws SQLException {
        try (Connection c = connect(databaseName); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static String queryString(String databaseName, String sql, String... params) throws SQLException {
        try (Connection c = connect(databaseName); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void shutdown(String databaseName) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(databaseName);
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
            throw new AssertionError("shutdown returned a connection");
        } catch (SQLException expected) {
            // 08006: database shut down
        }
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
