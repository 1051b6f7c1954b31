package org.msrprelay.shell.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.support.table.ShellTable;
import org.msrprelay.relay.RelayStatus.SessionInfo;

/** The tables the commands print, built from plain values so that they can be tested alone. */
final class Tables {
    /** Shown for an address or name the relay does not know (yet). */
    static final String NONE = "-";

    private static final Comparator<SessionInfo> BY_AGE =
            Comparator.comparingLong(SessionInfo::ageSeconds).thenComparing(SessionInfo::id);

    private Tables() {
    }

    /** One row per session, youngest first. */
    static ShellTable sessions(List<SessionInfo> sessions) {
        ShellTable table = new ShellTable().emptyTableText("No sessions");
        table.column("ID");
        table.column("User");
        table.column("Client");
        table.column("Peer");
        table.column("Age (s)").alignRight();
        table.column("From client (B)").alignRight();
        table.column("To client (B)").alignRight();
        table.column("State");
        table.column("Generation").alignRight();
        table.column("Expires in (s)").alignRight();
        sessions.stream().sorted(BY_AGE).forEach(s -> table.addRow().addContent(
                s.id(), userAtRealm(s.user(), s.realm()), orNone(s.clientAddress()), orNone(s.peerAddress()),
                s.ageSeconds(), s.bytesFromClient(), s.bytesToClient(), orNone(s.state()),
                s.settingsGeneration(), s.expiresInSeconds()));
        return table;
    }

    /** One row per counter, by name. */
    static ShellTable counters(Map<String, Long> counters) {
        ShellTable table = new ShellTable().emptyTableText("No counters");
        table.column("Counter");
        table.column("Value").alignRight();
        new TreeMap<>(counters).forEach((name, value) -> table.addRow().addContent(name, value));
        return table;
    }

    /** One row per account ({@code user@domain}), as the backend sorted them. */
    static ShellTable accounts(String backend, List<String> accounts) {
        ShellTable table = new ShellTable().emptyTableText("No accounts in backend " + backend);
        table.column("Account");
        accounts.forEach(account -> table.addRow().addContent(account));
        return table;
    }

    static String userAtRealm(String user, String realm) {
        if (isBlank(user)) {
            return NONE;
        }
        return isBlank(realm) ? user : user + "@" + realm;
    }

    private static String orNone(String value) {
        return isBlank(value) ? NONE : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
