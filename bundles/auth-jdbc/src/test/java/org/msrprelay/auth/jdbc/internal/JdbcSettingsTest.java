package org.msrprelay.auth.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JdbcSettingsTest {

    @Test
    void redactsCredentialsFromUrls() {
        assertEquals("jdbc:mysql://db.example.com:3306/opensips",
                JdbcSettings.redact("jdbc:mysql://opensips:opensipsrw@db.example.com:3306/opensips?useSSL=true"));
        assertEquals("jdbc:derby:/var/db", JdbcSettings.redact("jdbc:derby:/var/db;user=a;password=b"));
        assertEquals("jdbc:postgresql://h/db", JdbcSettings.redact("jdbc:postgresql://h/db?password=x"));
    }

    @Test
    void toStringHidesPassword() {
        TestConfig c = TestConfig.url("jdbc:derby:memory:x;password=hunter2");
        c.password = "hunter2";
        String shown = JdbcSettings.from(c).toString();
        assertFalse(shown.contains("hunter2"), shown);
    }

    @Test
    void buildsParameterisedSql() {
        TestConfig c = TestConfig.url("jdbc:derby:memory:x");
        SqlStatements ha1 = SqlStatements.of(JdbcSettings.from(c), true);
        assertEquals("SELECT ha1, ha1b FROM subscriber WHERE username = ? AND domain = ?", ha1.lookup());
        assertEquals("INSERT INTO subscriber (username, domain, password, ha1, ha1b) VALUES (?, ?, ?, ?, ?)",
                ha1.insert());
        c.cleartext = true;
        SqlStatements clear = SqlStatements.of(JdbcSettings.from(c), false);
        assertEquals("SELECT password FROM subscriber WHERE username = ? AND domain = ?", clear.lookup());
        assertEquals("UPDATE subscriber SET password = ?, ha1 = ? WHERE username = ? AND domain = ?", clear.update());
    }

    @Test
    void distinguishesConnectionChangesFromTableChanges() {
        TestConfig c = TestConfig.url("jdbc:derby:memory:x");
        JdbcSettings base = JdbcSettings.from(c);
        TestConfig table = c.copy();
        table.table = "other";
        table.queryTimeout = 9;
        table.cleartext = true;
        assertTrue(base.sameConnection(JdbcSettings.from(table)));
        TestConfig pool = c.copy();
        pool.poolSize = 2;
        assertFalse(base.sameConnection(JdbcSettings.from(pool)));
        TestConfig login = c.copy();
        login.password = "changed";
        assertFalse(base.sameConnection(JdbcSettings.from(login)));
    }

    @Test
    void acceptsEmptyHa1bColumnAsDisabled() {
        TestConfig c = TestConfig.url("jdbc:derby:memory:x");
        c.ha1bCol = "";
        assertEquals("", JdbcSettings.from(c).ha1bColumn());
        c.ha1bCol = "ha1b;";
        assertThrows(IllegalArgumentException.class, () -> JdbcSettings.from(c));
    }

    @Test
    void rejectsOverlongIdentifiers() {
        TestConfig c = TestConfig.url("jdbc:derby:memory:x");
        c.table = "t".repeat(65);
        assertThrows(IllegalArgumentException.class, () -> JdbcSettings.from(c));
    }
}
