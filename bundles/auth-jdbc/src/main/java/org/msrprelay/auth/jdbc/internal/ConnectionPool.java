package org.msrprelay.auth.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bounded connection pool: at most {@code size} connections exist, each either idle or
 * lent to one borrower. {@link #borrow()} waits at most the connect timeout in total, for a permit
 * and then for a validated idle connection or a new one. Connections are opened lazily on a
 * separate thread, so a driver that hangs while connecting cannot hold a borrower beyond the
 * timeout; a connection that arrives late is kept for the next borrower. Broken connections are
 * closed when returned, never reused.
 */
final class ConnectionPool implements AutoCloseable {

    /** Opens one physical connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Opener opener;
    private final int size;
    private final long timeoutNanos;
    private final Semaphore permits;
    private final ThreadPoolExecutor openers;
    /** Guarded by itself. Most recently returned first, so idle connections are few and fresh. */
    private final Deque<Connection> idle = new ArrayDeque<>();
    private volatile boolean closed;

    ConnectionPool(Opener opener, int size, Duration connectTimeout) {
        this.opener = opener;
        this.size = size;
        this.timeoutNanos = connectTimeout.toNanos();
        this.permits = new Semaphore(size, true);
        String name = "msrprelay-jdbc-connect-" + POOLS.incrementAndGet();
        this.openers = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.openers.allowCoreThreadTimeOut(true);
    }

    /**
     * Lends a connection; give it back with {@link #release}.
     *
     * @throws SQLTransientConnectionException when none could be had within the connect timeout
     * @throws SQLException when opening failed
     */
    Connection borrow() throws SQLException {
        long deadline = System.nanoTime() + timeoutNanos;
        checkOpen();
        try {
            if (!permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new SQLTransientConnectionException("all " + size + " database connections busy", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a connection", "08001", e);
        }
        boolean lent = false;
        try {
            Connection c = takeValidIdle(deadline);
            if (c == null) {
                c = openNew(deadline);
            }
            lent = true;
            return c;
        } catch (OpenTimedOut e) {
            lent = true; // the permit now belongs to the open still running; it returns it
            throw e.exception;
        } finally {
            if (!lent) {
                permits.release();
            }
        }
    }

    /** Takes a connection back; a broken one (or any, once closed) is closed instead of kept. */
    void release(Connection c, boolean broken) {
        try {
            if (broken || !keep(c)) {
                closeQuietly(c);
            }
        } finally {
            permits.release();
        }
    }

    /** Idle connections (for tests and diagnostics). */
    int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    int size() {
        return size;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes idle connections now and lent ones when they come back. Waits up to the connect timeout
     * for opens still running, so that none reaches the database after the caller shut it down.
     */
    @Override
    public void close() {
        closed = true;
        openers.shutdown();
        try {
            openers.awaitTermination(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Connection> toClose;
        synchronized (idle) {
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        toClose.forEach(ConnectionPool::closeQuietly);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("connection pool closed", "08003");
        }
    }

    private boolean keep(Connection c) {
        synchronized (idle) {
            if (closed) {
                return false;
            }
            idle.push(c);
            return true;
        }
    }

    private Connection takeValidIdle(long deadline) {
        while (true) {
            Connection c;
            synchronized (idle) {
                c = idle.poll();
            }
            if (c == null) {
                return null;
            }
            if (isValid(c, deadline)) {
                return c;
            }
            closeQuietly(c);
        }
    }

    private static boolean isValid(Connection c, long deadline) {
        int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
        try {
            return c.isValid(seconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Opens a connection on an opener thread, waiting until the deadline. */
    private Connection openNew(long deadline) throws SQLException, OpenTimedOut {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        try {
            openers.execute(() -> openFor(result));
        } catch (RejectedExecutionException e) {
            throw new SQLNonTransientConnectionException("connection pool closed", "08003", e);
        }
        SQLTransientConnectionException gaveUp;
        try {
            return outcome(result, Math.max(0, deadline - System.nanoTime()));
        } catch (TimeoutException e) {
            gaveUp = new SQLTransientConnectionException(
                    "no database connection within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", "08001");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gaveUp = new SQLTransientConnectionException("interrupted while connecting", "08001", e);
        }
        if (result.cancel(false)) {
            throw new OpenTimedOut(gaveUp);
        }
        try {
            return result.join(); // cancel fails only when the open completed just as we gave up
        } catch (CompletionException e) {
            throw asSqlException(e.getCause());
        }
    }

    private static Connection outcome(CompletableFuture<Connection> result, long nanos)
            throws SQLException, TimeoutException, InterruptedException {
        try {
            return result.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw asSqlException(e.getCause());
        }
    }

    /** Runs on an opener thread. If the borrower gave up, keeps the connection and returns the permit. */
    private void openFor(CompletableFuture<Connection> result) {
        Connection c = null;
        boolean delivered;
        try {
            c = opener.open();
            delivered = result.complete(c);
        } catch (SQLException | RuntimeException e) {
            delivered = result.completeExceptionally(e);
        }
        if (!delivered) {
            if (c != null && !keep(c)) {
                closeQuietly(c);
            }
            permits.release();
        }
    }

    private static SQLException asSqlException(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql;
        }
        return new SQLNonTransientConnectionException("cannot connect: " + t, "08001", t);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // Closing a broken connection often fails; there is nothing left to do with it.
        }
    }

    /** Internal signal: the open goes on in the background and owns the borrower's permit. */
    private static final class OpenTimedOut extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SQLException exception;

        OpenTimedOut(SQLException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }
}
