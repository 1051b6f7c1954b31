package org.msrprelay.auth.jdbc.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated settings of the JDBC backend. Identifiers are checked here, once, so that SQL can be
 * built from them safely; values are always bound as parameters.
 *
 * @param url the JDBC URL; never empty (the embedded default is resolved)
 * @param ha1bColumn the ha1b column, or empty when it must never be used
 */
record JdbcSettings(String url, String user, String password, boolean cleartextPasswords, String table,
                    String usernameColumn, String domainColumn, String passwordColumn, String ha1Column,
                    String ha1bColumn, int poolSize, int queryTimeoutSeconds, int connectTimeoutSeconds) {

    static final int MAX_POOL_SIZE = 64;
    static final int MAX_TIMEOUT_SECONDS = 300;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    JdbcSettings {
        Objects.requireNonNull(url, "url");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must start with jdbc:");
        }
        if (EmbeddedDerby.handles(url) && EmbeddedDerby.databaseName(url).isEmpty()) {
            throw new IllegalArgumentException("url jdbc:derby: needs a database name or path");
        }
        identifier("subscriber_table", table);
        identifier("username_col", usernameColumn);
        identifier("domain_col", domainColumn);
        identifier("password_col", passwordColumn);
        identifier("ha1_col", ha1Column);
        if (ha1bColumn == null || ha1bColumn.isEmpty()) {
            ha1bColumn = "";
        } else {
            identifier("ha1b_col", ha1bColumn);
        }
        range("pool_size", poolSize, MAX_POOL_SIZE);
        range("query_timeout_seconds", queryTimeoutSeconds, MAX_TIMEOUT_SECONDS);
        range("connect_timeout_seconds", connectTimeoutSeconds, MAX_TIMEOUT_SECONDS);
    }

    /** Reads the configuration; an empty URL means embedded Derby under {@code ${karaf.data}/msrprelay}. */
    static JdbcSettings from(JdbcConfig c) {
        String url = c.url() == null ? "" : c.url().strip();
        if (url.isEmpty()) {
            url = defaultUrl();
        }
        return new JdbcSettings(url, c.user(), c.password(), c.cleartext__passwords(), c.subscriber__table(),
                c.username__col(), c.domain__col(), c.password__col(), c.ha1__col(), c.ha1b__col(), c.pool__size(),
                c.query__timeout__seconds(), c.connect__timeout__seconds());
    }

    /** Embedded Derby in {@code ${karaf.data}/msrprelay}, or under java.io.tmpdir outside Karaf. */
    static String defaultUrl() {
        String dataDir = System.getProperty("karaf.data");
        if (dataDir == null || dataDir.isBlank()) {
            dataDir = System.getProperty("java.io.tmpdir");
        }
        return EmbeddedDerby.PREFIX + Path.of(dataDir, "msrprelay").toAbsolutePath() + ";create=true";
    }

    private static void identifier(String key, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " must be an SQL identifier: a letter or '_', then letters, "
                    + "digits or '_'");
        }
    }

    private static void range(String key, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(key + " must be between 1 and " + max);
        }
    }

    /** Whether the other settings can keep using this one's connections (only SQL-level settings differ). */
    boolean sameConnection(JdbcSettings other) {
        return url.equals(other.url) && user.equals(other.user) && password.equals(other.password)
                && poolSize == other.poolSize && connectTimeoutSeconds == other.connectTimeoutSeconds;
    }

    /** The URL for logs: no user info, parameters or attributes, which may carry credentials. */
    String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String base = url.substring(0, cut);
        int slashes = base.indexOf("//");
        int at = base.lastIndexOf('@');
        if (slashes >= 0 && at > slashes) {
            base = base.substring(0, slashes + 2) + base.substring(at + 1);
        }
        return base;
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + redactedUrl() + ", user=" + user + ", cleartext_passwords=" + cleartextPasswords
                + ", subscriber_table=" + table + ", pool_size=" + poolSize + ", query_timeout_seconds="
                + queryTimeoutSeconds + ", connect_timeout_seconds=" + connectTimeoutSeconds + "]";
    }
}
