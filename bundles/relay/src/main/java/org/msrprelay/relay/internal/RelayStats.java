package org.msrprelay.relay.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters cheap enough to stay on: striped adders, read only when someone asks. */
final class RelayStats {
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsClosed = new LongAdder();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder sessionsCreated = new LongAdder();
    final LongAdder authOk = new LongAdder();
    final LongAdder authFailed = new LongAdder();
    final LongAdder messagesRelayed = new LongAdder();
    final LongAdder bytesRelayed = new LongAdder();
    final LongAdder reportsSent = new LongAdder();
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();

    void countError(int status) {
        errors.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot(int connections, int sessions) {
        Map<String, Long> m = new TreeMap<>();
        m.put("connections", (long) connections);
        m.put("connections_opened", connectionsOpened.sum());
        m.put("connections_closed", connectionsClosed.sum());
        m.put("connections_refused", connectionsRefused.sum());
        m.put("sessions", (long) sessions);
        m.put("sessions_created", sessionsCreated.sum());
        m.put("auth_ok", authOk.sum());
        m.put("auth_failed", authFailed.sum());
        m.put("messages_relayed", messagesRelayed.sum());
        m.put("bytes_relayed", bytesRelayed.sum());
        m.put("reports_sent", reportsSent.sum());
        errors.forEach((k, v) -> m.put("errors_" + k, v.sum()));
        return m;
    }
}
