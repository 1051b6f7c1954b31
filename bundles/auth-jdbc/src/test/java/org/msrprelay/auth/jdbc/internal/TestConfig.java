package org.msrprelay.auth.jdbc.internal;

import java.lang.annotation.Annotation;

/**
 * A JdbcConfig as SCR would build it from Config Admin: the metatype defaults, except generous
 * timeouts, so that a busy build machine booting Derby does not fail tests that measure nothing.
 * Tests about timeouts set their own.
 */
final class TestConfig implements JdbcConfig {
    String url = "";
    String user = "";
    String password = "";
    boolean cleartext = false;
    String table = "subscriber";
    String usernameCol = "username";
    String domainCol = "domain";
    String passwordCol = "password";
    String ha1Col = "ha1";
    String ha1bCol = "ha1b";
    int poolSize = 8;
    int queryTimeout = 20;
    int connectTimeout = 20;

    static TestConfig url(String url) {
        TestConfig c = new TestConfig();
        c.url = url;
        return c;
    }

    TestConfig copy() {
        TestConfig c = new TestConfig();
        c.url = url;
        c.user = user;
        c.password = password;
        c.cleartext = cleartext;
        c.table = table;
        c.usernameCol = usernameCol;
        c.domainCol = domainCol;
        c.passwordCol = passwordCol;
        c.ha1Col = ha1Col;
        c.ha1bCol = ha1bCol;
        c.poolSize = poolSize;
        c.queryTimeout = queryTimeout;
        c.connectTimeout = connectTimeout;
        return c;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return JdbcConfig.class;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public boolean cleartext__passwords() {
        return cleartext;
    }

    @Override
    public String subscriber__table() {
        return table;
    }

    @Override
    public String username__col() {
        return usernameCol;
    }

    @Override
    public String domain__col() {
        return domainCol;
    }

    @Override
    public String password__col() {
        return passwordCol;
    }

    @Override
    public String ha1__col() {
        return ha1Col;
    }

    @Override
    public String ha1b__col() {
        return ha1bCol;
    }

    @Override
    public int pool__size() {
        return poolSize;
    }

    @Override
    public int query__timeout__seconds() {
        return queryTimeout;
    }

    @Override
    public int connect__timeout__seconds() {
        return connectTimeout;
    }
}
