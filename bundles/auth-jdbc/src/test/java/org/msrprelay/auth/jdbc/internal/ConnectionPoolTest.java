package org.msrprelay.auth.jdbc.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
    private final String database = EmbeddedDerby.databaseName(Derby.memoryUrl());
    private final AtomicInteger opened = new AtomicInteger();
    private ConnectionPool pool;

    private Connection openDerby() throws SQLException {
        opened.incrementAndGet();
        return Derby.connect(database);
    }

    @BeforeEach
    void bootDatabase() throws SQLException {
        // Boot Derby and create the database first, so that the timings below are about the pool only.
        Derby.connect(database).close();
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void reusesConnectionsInsteadOfOpeningPerBorrow() throws Exception {
        pool = new ConnectionPool(this::openDerby, 2, Duration.ofSeconds(10));
        Connection first = pool.borrow();
        pool.release(first, false);
        for (int i = 0; i < 10; i++) {
            Connection c = pool.borrow();
            assertSame(first, c);
            pool.release(c, false);
        }
        assertEquals(1, opened.get());
    }

    @Test
    void neverLendsMoreThanItsSizeAndTimesOut() throws Exception {
        pool = new ConnectionPool(this::openDerby, 2, Duration.ofMillis(500));
        Connection a = pool.borrow();
        Connection b = pool.borrow();
        assertNotSame(a, b);
        long start = System.nanoTime();
        assertThrows(SQLTransientConnectionException.class, pool::borrow);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 450 && waited < 3_000, "waited " + waited + " ms");
        pool.release(a, false);
        assertSame(a, pool.borrow());
        assertEquals(2, opened.get());
    }

    @Test
    void discardsBrokenAndInvalidConnections() throws Exception {
        pool = new ConnectionPool(this::openDerby, 2, Duration.ofSeconds(10));
        Connection broken = pool.borrow();
        pool.release(broken, true);
        assertTrue(broken.isClosed());
        assertEquals(0, pool.idleCount());

        Connection silentlyDead = pool.borrow();
        silentlyDead.close();
        pool.release(silentlyDead, false);
        Connection fresh = pool.borrow();
        assertNotSame(silentlyDead, fresh);
        assertTrue(fresh.isValid(1));
        assertEquals(3, opened.get());
    }

    @Test
    void boundsAHangingConnectAndKeepsTheLateConnection() throws Exception {
        CountDownLatch driverAnswers = new CountDownLatch(1);
        pool = new ConnectionPool(() -> {
            try {
                driverAnswers.await();
            } catch (InterruptedException e) {
                throw new SQLException(e);
            }
            return openDerby();
        }, 1, Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThrows(SQLTransientConnectionException.class, pool::borrow);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3_000);
        assertThrows(SQLTransientConnectionException.class, pool::borrow, "the only permit is held by the open");

        driverAnswers.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.idleCount() == 1);
        Connection late = pool.borrow();
        assertTrue(late.isValid(1));
        assertEquals(1, opened.get());
    }

    @Test
    void reportsConnectFailureAndRecovers() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        pool = new ConnectionPool(() -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SQLNonTransientConnectionException("connection refused", "08001");
            }
            return openDerby();
        }, 1, Duration.ofSeconds(10));
        assertThrows(SQLNonTransientConnectionException.class, pool::borrow);
        assertThrows(SQLNonTransientConnectionException.class, pool::borrow);
        Connection c = pool.borrow();
        assertTrue(c.isValid(1));
        pool.release(c, false);
    }

    @Test
    void closesIdleAndReturnedConnectionsWhenClosed() throws Exception {
        pool = new ConnectionPool(this::openDerby, 2, Duration.ofSeconds(10));
        Connection idle = pool.borrow();
        Connection lent = pool.borrow();
        pool.release(idle, false);
        pool.close();
        assertTrue(idle.isClosed());
        assertThrows(SQLNonTransientConnectionException.class, pool::borrow);
        pool.release(lent, false);
        assertTrue(lent.isClosed());
    }
}
