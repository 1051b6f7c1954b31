package org.msrprelay.auth.jdbc.internal;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one line per change of the database's availability, not one per query. */
final class HealthLog {
    private static final Logger LOG = LoggerFactory.getLogger(HealthLog.class);

    enum State { UNKNOWN, UP, DOWN }

    private final String url;
    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

    /** @param url the redacted URL to name in log lines */
    HealthLog(String url) {
        this.url = url;
    }

    void up() {
        State previous = state.getAndSet(State.UP);
        if (previous == State.DOWN) {
            LOG.info("JDBC backend up again: url={}", url);
        } else if (previous == State.UNKNOWN) {
            LOG.info("JDBC backend connected: url={}", url);
        }
    }

    void down(SQLException e) {
        if (state.getAndSet(State.DOWN) != State.DOWN) {
            LOG.warn("JDBC backend down: url={} reason={} (SQLState {})", url, e.getMessage(), e.getSQLState());
        }
    }

    State state() {
        return state.get();
    }
}
