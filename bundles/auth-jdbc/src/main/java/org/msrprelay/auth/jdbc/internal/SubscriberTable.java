package org.msrprelay.auth.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.digest.Digests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber table of one configuration, reached through a pool. On its first connection it
 * creates the table (embedded Derby only) and reads the table's columns, to know whether the ha1b
 * column is there; the SQL is fixed from then on.
 */
final class SubscriberTable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberTable.class);
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    /** Derby: the table already exists. */
    private static final String TABLE_EXISTS = "X0Y32";

    private final JdbcSettings settings;
    private final Connector connector;
    private final ConnectionPool pool;
    private final HealthLog health;
    /** Set once the table was checked on a connection. */
    private volatile SqlStatements sql;

    SubscriberTable(JdbcSettings settings, Connector connector, ConnectionPool pool) {
        this.settings = settings;
        this.connector = connector;
        this.pool = pool;
        this.health = new HealthLog(settings.redactedUrl());
    }

    /** The same database and pool with other table settings. */
    SubscriberTable reconfigured(JdbcSettings next) {
        return new SubscriberTable(next, connector, pool);
    }

    JdbcSettings settings() {
        return settings;
    }

    Connector connector() {
        return connector;
    }

    ConnectionPool pool() {
        return pool;
    }

    HealthLog health() {
        return health;
    }

    /** Connects and checks the table, so the first AUTH need not wait for it. */
    void check() throws SQLException {
        withConnection((c, s) -> null);
    }

    Optional<Credential> lookup(String username, String domain) throws SQLException {
        return withConnection((c, s) -> {
            try (PreparedStatement ps = prepare(c, s.lookup())) {
                ps.setString(1, username);
                ps.setString(2, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? credential(rs, s, username, domain) : Optional.empty();
                }
            }
        });
    }

    /** Inserts or updates the account: HA1 and ha1b always, the password only in cleartext mode. */
    void upsert(String username, String domain, String password) throws SQLException {
        String ha1 = Digests.ha1(username, domain, password);
        String ha1b = Digests.ha1(username + "@" + domain, domain, password);
        String stored = settings.cleartextPasswords() ? password : "";
        withConnection((c, s) -> {
            c.setAutoCommit(false);
            try {
                if (update(c, s, username, domain, stored, ha1, ha1b) == 0) {
                    insert(c, s, username, domain, stored, ha1, ha1b);
                }
                c.commit();
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            }
            c.setAutoCommit(true);
            return null;
        });
    }

    boolean delete(String username, String domain) throws SQLException {
        return withConnection((c, s) -> {
            try (PreparedStatement ps = prepare(c, s.delete())) {
                ps.setString(1, username);
                ps.setString(2, domain);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Every account as {@code user@domain}, sorted. */
    List<String> list() throws SQLException {
        return withConnection((c, s) -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, s.list()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1) + "@" + rs.getString(2));
                }
            }
            Collections.sort(names);
            return names;
        });
    }

    /** Closes the pool and the connector; see {@link Connector#close}. */
    void close(boolean shutdownDatabase) {
        pool.close();
        connector.close(shutdownDatabase);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c, SqlStatements s) throws SQLException;
    }

    /** Runs work on a pooled connection; any failure discards the connection rather than reusing it. */
    private <T> T withConnection(Work<T> work) throws SQLException {
        Connection c = pool.borrow();
        boolean broken = true;
        try {
            SqlStatements statements = sql;
            if (statements == null) {
                statements = prepareTable(c);
                sql = statements;
            }
            T result = work.run(c, statements);
            broken = false;
            return result;
        } finally {
            pool.release(c, broken);
        }
    }

    private PreparedStatement prepare(Connection c, String statement) throws SQLException {
        PreparedStatement ps = c.prepareStatement(statement);
        ps.setQueryTimeout(settings.queryTimeoutSeconds());
        return ps;
    }

    private Optional<Credential> credential(ResultSet rs, SqlStatements s, String username, String domain)
            throws SQLException {
        if (settings.cleartextPasswords()) {
            String password = rs.getString(1);
            if (password == null || password.isEmpty()) {
                // An empty password would let anyone in; accounts added in HA1 mode have one.
                LOG.warn("JDBC backend: account={}@{} has an empty {}; treated as unknown", username, domain,
                        settings.passwordColumn());
                return Optional.empty();
            }
            return Optional.of(Credential.cleartext(password));
        }
        String ha1 = strip(rs.getString(1));
        if (ha1 == null || !HEX32.matcher(ha1).matches()) {
            LOG.warn("JDBC backend: account={}@{} has no valid HA1 in {}; treated as unknown", username, domain,
                    settings.ha1Column());
            return Optional.empty();
        }
        String ha1b = s.withHa1b() ? strip(rs.getString(2)) : null;
        return Optional.of(Credential.ha1(ha1, ha1b != null && HEX32.matcher(ha1b).matches() ? ha1b : null));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private int update(Connection c, SqlStatements s, String username, String domain, String password, String ha1,
                       String ha1b) throws SQLException {
        try (PreparedStatement ps = prepare(c, s.update())) {
            int i = 1;
            ps.setString(i++, password);
            ps.setString(i++, ha1);
            if (s.withHa1b()) {
                ps.setString(i++, ha1b);
            }
            ps.setString(i++, username);
            ps.setString(i, domain);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, SqlStatements s, String username, String domain, String password, String ha1,
                        String ha1b) throws SQLException {
        try (PreparedStatement ps = prepare(c, s.insert())) {
            ps.setString(1, username);
            ps.setString(2, domain);
            ps.setString(3, password);
            ps.setString(4, ha1);
            if (s.withHa1b()) {
                ps.setString(5, ha1b);
            }
            ps.executeUpdate();
        }
    }

    /** Creates the table if the backend owns the schema, then checks the columns this mode needs. */
    private SqlStatements prepareTable(Connection c) throws SQLException {
        if (connector.createsSchema()) {
            createTableIfMissing(c);
        }
        Set<String> columns = new HashSet<>();
        try (PreparedStatement ps = prepare(c, SqlStatements.probe(settings)); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toUpperCase(Locale.ROOT));
            }
        }
        String modeColumn = settings.cleartextPasswords() ? settings.passwordColumn() : settings.ha1Column();
        for (String needed : List.of(settings.usernameColumn(), settings.domainColumn(), modeColumn)) {
            if (!columns.contains(needed.toUpperCase(Locale.ROOT))) {
                throw new SQLSyntaxErrorException("table " + settings.table() + " has no column " + needed, "42X04");
            }
        }
        String ha1b = settings.ha1bColumn();
        return SqlStatements.of(settings, !ha1b.isEmpty() && columns.contains(ha1b.toUpperCase(Locale.ROOT)));
    }

    private void createTableIfMissing(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(settings.queryTimeoutSeconds());
            st.executeUpdate(SqlStatements.createDerbyTable(settings));
            LOG.info("JDBC backend: created table={} in url={}", settings.table(), settings.redactedUrl());
        } catch (SQLException e) {
            if (!TABLE_EXISTS.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is discarded after a failure anyway.
        }
    }
}
