package org.msrprelay.auth.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.api.CredentialStoreException;

/** The JDBC backend against real embedded Derby databases, in memory and on disk. */
class JdbcCredentialStoreTest {
    private final List<JdbcCredentialStore> stores = new ArrayList<>();

    private JdbcCredentialStore start(TestConfig config) {
        JdbcCredentialStore store = new JdbcCredentialStore(config, List.of());
        stores.add(store);
        return store;
    }

    @AfterEach
    void deactivateAll() {
        stores.forEach(JdbcCredentialStore::deactivate);
    }

    private static String db(TestConfig config) {
        return EmbeddedDerby.databaseName(config.url);
    }

    @Test
    void storesHa1AndNoPasswordByDefault() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "secret");

        Credential c = store.lookup("alice", "example.com").orElseThrow();
        assertFalse(c.isCleartext());
        assertEquals(Derby.md5("alice:example.com:secret"), c.ha1For("alice", "example.com"));
        assertEquals(Derby.md5("alice@example.com:example.com:secret"), c.ha1For("alice@example.com", "example.com"));
        String sql = "SELECT password FROM subscriber WHERE username = ? AND domain = ?";
        assertEquals("", Derby.queryString(db(config), sql, "alice", "example.com"));
        assertTrue(store.lookup("bob", "example.com").isEmpty());
        assertTrue(store.lookup("alice", "other.org").isEmpty());
    }

    @Test
    void cleartextModeStoresAndReturnsPassword() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        config.cleartext = true;
        JdbcCredentialStore store = start(config);
        store.addUser("jean-luc", "my-domain.org", "engage");

        Credential c = store.lookup("jean-luc", "my-domain.org").orElseThrow();
        assertTrue(c.isCleartext());
        assertEquals(Derby.md5("jean-luc:my-domain.org:engage"), c.ha1For("jean-luc", "my-domain.org"));
        String sql = "SELECT ha1 FROM subscriber WHERE username = ?";
        assertEquals(Derby.md5("jean-luc:my-domain.org:engage"), Derby.queryString(db(config), sql, "jean-luc"));
    }

    @Test
    void addUserReplacesExistingAccount() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "old");
        store.addUser("alice", "example.com", "new");
        assertEquals(Derby.md5("alice:example.com:new"),
                store.lookup("alice", "example.com").orElseThrow().ha1For("alice", "example.com"));
        assertEquals("1", Derby.queryString(db(config), "SELECT TRIM(CHAR(COUNT(*))) FROM subscriber"));
    }

    @Test
    void removesAndListsUsers() throws Exception {
        JdbcCredentialStore store = start(TestConfig.url(Derby.memoryUrl()));
        store.addUser("zed", "a.org", "1");
        store.addUser("amy", "b.org", "2");
        store.addUser("amy", "a.org", "3");
        assertEquals(List.of("amy@a.org", "amy@b.org", "zed@a.org"), store.listUsers());
        assertTrue(store.removeUser("amy", "b.org"));
        assertFalse(store.removeUser("amy", "b.org"));
        assertEquals(List.of("amy@a.org", "zed@a.org"), store.listUsers());
        assertTrue(store.lookup("amy", "b.org").isEmpty());
    }

    @Test
    void usesCustomTableAndColumnNames() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        config.table = "accounts";
        config.usernameCol = "login";
        config.domainCol = "realm";
        config.passwordCol = "pw";
        config.ha1Col = "hash";
        config.ha1bCol = "hash_b";
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "secret");
        Credential c = store.lookup("alice", "example.com").orElseThrow();
        assertEquals(Derby.md5("alice@example.com:example.com:secret"), c.ha1For("alice@example.com", "example.com"));
        assertEquals(Derby.md5("alice:example.com:secret"),
                Derby.queryString(db(config), "SELECT hash FROM accounts WHERE login = ? AND realm = ?", "alice",
                        "example.com"));
    }

    @Test
    void readsExistingTableWithoutHa1bColumn() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        Derby.execute(db(config),
                "CREATE TABLE subscriber (id INT, username VARCHAR(64), domain VARCHAR(64), password VARCHAR(64), "
                        + "ha1 VARCHAR(64))",
                "INSERT INTO subscriber VALUES (1, 'alice', 'example.com', 'secret', '"
                        + Derby.md5("alice:example.com:secret") + "')");
        JdbcCredentialStore store = start(config);
        Credential c = store.lookup("alice", "example.com").orElseThrow();
        assertEquals(Derby.md5("alice:example.com:secret"), c.ha1For("alice@example.com", "example.com"),
                "no ha1b: the plain HA1 is all there is");
        store.addUser("bob", "example.com", "pw");
        assertTrue(store.lookup("bob", "example.com").isPresent());
    }

    @Test
    void treatsUnusableSecretsAsUnknownAccounts() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "secret");
        Derby.execute(db(config), "INSERT INTO subscriber (username, domain, password, ha1) "
                + "VALUES ('bob', 'example.com', 'pw', 'not-a-digest')");
        assertTrue(store.lookup("bob", "example.com").isEmpty(), "malformed HA1");

        TestConfig cleartext = config.copy();
        cleartext.cleartext = true;
        store.modified(cleartext);
        assertTrue(store.lookup("alice", "example.com").isEmpty(), "added in HA1 mode: empty password");
        assertTrue(store.lookup("bob", "example.com").isPresent());
    }

    @Test
    void reportsMissingColumnClearly() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        Derby.execute(db(config), "CREATE TABLE subscriber (username VARCHAR(64), domain VARCHAR(64))");
        JdbcCredentialStore store = start(config);
        CredentialStoreException e = assertThrows(CredentialStoreException.class,
                () -> store.lookup("alice", "example.com"));
        assertTrue(e.getMessage().contains("has no column ha1"), e.getMessage());
    }

    @Test
    void rejectsBadIdentifiersAndRanges() {
        for (String bad : new String[] {"subscriber; DROP TABLE x", "1table", "sub-scriber", "", "a b", "t\"x"}) {
            TestConfig c = TestConfig.url(Derby.memoryUrl());
            c.table = bad;
            assertThrows(IllegalArgumentException.class, () -> new JdbcCredentialStore(c, List.of()), bad);
        }
        TestConfig column = TestConfig.url(Derby.memoryUrl());
        column.ha1Col = "ha1 OR 1=1";
        assertThrows(IllegalArgumentException.class, () -> new JdbcCredentialStore(column, List.of()));
        TestConfig pool = TestConfig.url(Derby.memoryUrl());
        pool.poolSize = 0;
        assertThrows(IllegalArgumentException.class, () -> new JdbcCredentialStore(pool, List.of()));
        TestConfig timeout = TestConfig.url(Derby.memoryUrl());
        timeout.queryTimeout = 0;
        assertThrows(IllegalArgumentException.class, () -> new JdbcCredentialStore(timeout, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new JdbcCredentialStore(TestConfig.url("mysql://x"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new JdbcCredentialStore(TestConfig.url("jdbc:derby:;a=b"), List.of()));
    }

    @Test
    void rejectsInvalidChangeAndKeepsPreviousConfiguration() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "secret");
        SubscriberTable before = store.table();
        TestConfig bad = config.copy();
        bad.table = "x; DROP TABLE subscriber";
        store.modified(bad);
        assertSame(before, store.table());
        assertTrue(store.lookup("alice", "example.com").isPresent());
    }

    @Test
    void rejectsNamesThatCannotBeAccounts() {
        JdbcCredentialStore store = start(TestConfig.url(Derby.memoryUrl()));
        assertThrows(CredentialStoreException.class, () -> store.addUser("a@b", "example.com", "pw"));
        assertThrows(CredentialStoreException.class, () -> store.addUser("", "example.com", "pw"));
        assertThrows(CredentialStoreException.class, () -> store.addUser("alice", " example.com", "pw"));
    }

    @Test
    void tableChangeKeepsPoolAndUrlChangeReplacesIt() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "secret");
        SubscriberTable first = store.table();

        TestConfig otherTable = config.copy();
        otherTable.table = "subscriber2";
        store.modified(otherTable);
        assertSame(first.pool(), store.table().pool());
        assertTrue(store.lookup("alice", "example.com").isEmpty(), "new, empty table");

        TestConfig otherDb = otherTable.copy();
        otherDb.url = Derby.memoryUrl();
        store.modified(otherDb);
        assertNotSame(first.pool(), store.table().pool());
        assertTrue(first.pool().isClosed());
        store.addUser("bob", "example.com", "pw");
        assertEquals(List.of("bob@example.com"), store.listUsers());

        store.modified(config.copy());
        assertTrue(store.lookup("alice", "example.com").isPresent(), "the first database is still there");
    }

    @Test
    void persistsOnDiskAcrossRestarts() throws Exception {
        Path dir = Path.of("target", "derby-" + UUID.randomUUID()).toAbsolutePath();
        TestConfig config = TestConfig.url("jdbc:derby:" + dir + ";create=true");
        JdbcCredentialStore first = new JdbcCredentialStore(config, List.of());
        first.addUser("alice", "example.com", "secret");
        first.deactivate();
        assertTrue(Files.isDirectory(dir));
        assertFalse(Files.exists(dir.resolve("db.lck")), "database shut down on deactivate");

        JdbcCredentialStore second = start(config);
        assertEquals(List.of("alice@example.com"), second.listUsers());
    }

    @Test
    void defaultsToEmbeddedDerbyUnderKarafData() throws Exception {
        Path data = Path.of("target", "karaf-data-" + UUID.randomUUID()).toAbsolutePath();
        String previous = System.getProperty("karaf.data");
        System.setProperty("karaf.data", data.toString());
        try {
            JdbcCredentialStore store = start(new TestConfig());
            assertEquals("jdbc:derby:" + data.resolve("msrprelay") + ";create=true", store.table().settings().url());
            store.addUser("alice", "example.com", "secret");
            assertTrue(store.lookup("alice", "example.com").isPresent());
            assertTrue(Files.isDirectory(data.resolve("msrprelay")));
        } finally {
            if (previous == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", previous);
            }
        }
    }
}
