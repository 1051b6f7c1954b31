package org.msrprelay.auth.jdbc.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.msrprelay.auth.api.CredentialStoreException;

/** A database that is down, goes away, hangs or is slow: look-ups fail in bounded time and recover by themselves. */
class JdbcOutageTest {
    private final List<JdbcCredentialStore> stores = new ArrayList<>();
    private NetworkServerControl server;

    @AfterEach
    void stopEverything() throws Exception {
        SlowFunction.delayMillis = 0;
        stores.forEach(JdbcCredentialStore::deactivate);
        if (server != null) {
            server.shutdown();
        }
    }

    private JdbcCredentialStore start(TestConfig config, DerbyClientFactory... factories) {
        JdbcCredentialStore store = new JdbcCredentialStore(config, List.of(factories));
        stores.add(store);
        return store;
    }

    /** Asserts that a look-up fails with the backend's exception, within the given time. */
    private static CredentialStoreException assertFailsWithin(JdbcCredentialStore store, Duration limit) {
        long start = System.nanoTime();
        CredentialStoreException e = assertThrows(CredentialStoreException.class,
                () -> store.lookup("alice", "example.com"));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < limit.toMillis(), "took " + took + " ms: " + e.getMessage());
        return e;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startNetworkServer(int port) throws Exception {
        server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(null);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            server.ping();
            return true;
        });
    }

    @Test
    void embeddedDatabaseThatDisappearsFailsFastAndRecovers() throws Exception {
        Path dir = Path.of("target", "derby-outage-" + UUID.randomUUID()).toAbsolutePath();
        Derby.execute(dir.toString(), "VALUES 1"); // exists, so the URL needs no create=true
        TestConfig config = TestConfig.url("jdbc:derby:" + dir);
        JdbcCredentialStore store = start(config);
        store.addUser("alice", "example.com", "secret");

        Derby.shutdown(dir.toString());
        Path away = dir.resolveSibling(dir.getFileName() + ".away");
        Files.move(dir, away);
        CredentialStoreException e = assertFailsWithin(store, Duration.ofSeconds(3));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        assertEquals(HealthLog.State.DOWN, store.table().health().state());
        assertFailsWithin(store, Duration.ofSeconds(3));

        Files.move(away, dir);
        assertTrue(store.lookup("alice", "example.com").isPresent());
        assertEquals(HealthLog.State.UP, store.table().health().state());
    }

    @Test
    void networkDatabaseDownFailsFastAndRecoversWhenItReturns() throws Exception {
        String database = "memory:net" + UUID.randomUUID().toString().replace("-", "");
        int port = freePort();
        TestConfig config = TestConfig.url("jdbc:derby://127.0.0.1:" + port + "/" + database);
        JdbcSettings settings = JdbcSettings.from(config);
        Derby.execute(database, SqlStatements.createDerbyTable(settings),
                "INSERT INTO subscriber (username, domain, ha1) VALUES ('alice', 'example.com', '"
                        + Derby.md5("alice:example.com:secret") + "')");
        config.connectTimeout = 10;
        JdbcCredentialStore store = start(config, new DerbyClientFactory());

        assertFailsWithin(store, Duration.ofSeconds(3));
        startNetworkServer(port);
        assertTrue(store.lookup("alice", "example.com").isPresent(), "recovered without any action");

        server.shutdown();
        server = null;
        assertFailsWithin(store, Duration.ofSeconds(5));
        startNetworkServer(port);
        assertTrue(store.lookup("alice", "example.com").isPresent(), "recovered again");
        assertEquals(HealthLog.State.UP, store.table().health().state());
    }

    @Test
    void usesDriverThatAppearsAfterActivation() throws Exception {
        String database = "memory:late" + UUID.randomUUID().toString().replace("-", "");
        int port = freePort();
        TestConfig config = TestConfig.url("jdbc:derby://127.0.0.1:" + port + "/" + database + ";create=true");
        Derby.execute(database, SqlStatements.createDerbyTable(JdbcSettings.from(config)));
        startNetworkServer(port);
        JdbcCredentialStore store = start(config);
        CredentialStoreException e = assertFailsWithin(store, Duration.ofSeconds(3));
        assertTrue(e.getMessage().contains("no JDBC driver"), e.getMessage());

        store.addDataSourceFactory(new DerbyClientFactory());
        store.addUser("alice", "example.com", "secret");
        assertTrue(store.lookup("alice", "example.com").isPresent());
    }

    @Test
    void unresponsiveServerTimesOutWithinConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // The kernel accepts TCP connections into the backlog; nothing ever answers the driver.
            TestConfig config = TestConfig.url("jdbc:derby://127.0.0.1:" + silent.getLocalPort() + "/memory:x");
            config.connectTimeout = 1;
            config.poolSize = 1;
            JdbcCredentialStore store = start(config, new DerbyClientFactory());
            CredentialStoreException e = assertFailsWithin(store, Duration.ofSeconds(4));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertFailsWithin(store, Duration.ofSeconds(4));
        }
    }

    @Test
    void slowQueryIsCancelledAfterQueryTimeout() throws Exception {
        TestConfig config = TestConfig.url(Derby.memoryUrl());
        String database = EmbeddedDerby.databaseName(config.url);
        JdbcCredentialStore plain = start(config);
        plain.addUser("alice", "example.com", "secret");
        Derby.execute(database,
                "CREATE FUNCTION pause_ms(n INT) RETURNS INT PARAMETER STYLE JAVA NO SQL LANGUAGE JAVA "
                        + "EXTERNAL NAME '" + SlowFunction.class.getName() + ".pause'",
                "CREATE TABLE ticks (n INT)",
                "INSERT INTO ticks VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20",
                "INSERT INTO ticks SELECT n + 20 FROM ticks",
                "CREATE VIEW slow_subscriber AS SELECT * FROM subscriber "
                        + "WHERE (SELECT COUNT(*) FROM ticks WHERE pause_ms(n) > 0) > 0");
        TestConfig slow = config.copy();
        slow.table = "slow_subscriber";
        slow.queryTimeout = 1;
        plain.modified(slow);
        assertTrue(plain.lookup("alice", "example.com").isPresent(), "fast while the function does not pause");

        SlowFunction.delayMillis = 200; // 40 rows: 8 s without the timeout
        CredentialStoreException e = assertFailsWithin(plain, Duration.ofSeconds(4));
        assertTrue(e.getMessage().contains("XCL52"), e.getMessage());

        SlowFunction.delayMillis = 0;
        assertTrue(plain.lookup("alice", "example.com").isPresent(), "fine again once the database is");
    }
}
