package org.msrprelay.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.support.table.ShellTable;
import org.junit.jupiter.api.Test;
import org.msrprelay.relay.RelayStatus.SessionInfo;

class TablesTest {

    private static SessionInfo session(String id, long age, String peer) {
        return new SessionInfo(id, "alice", "example.com", "192.0.2.1:40000", peer, age, 1200, 3400,
                "active", 2, 540);
    }

    private static List<String> lines(ShellTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.forceAscii().print(new PrintStream(bytes, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> cells(String line) {
        return List.of(line.split("\\s*\\|\\s*")).stream().map(String::strip).toList();
    }

    @Test
    void listsSessionsYoungestFirstWithEveryColumn() {
        List<String> out = lines(Tables.sessions(List.of(
                session("old", 300, "198.51.100.7:2855"), session("new", 5, "198.51.100.8:2855"))));

        assertEquals(List.of("ID", "User", "Client", "Peer", "Age (s)", "From client (B)", "To client (B)", "State",
                "Generation", "Expires in (s)"), cells(out.get(0)));
        assertEquals(List.of("new", "alice@example.com", "192.0.2.1:40000", "198.51.100.8:2855", "5", "1200",
                "3400", "active", "2", "540"), cells(out.get(2)));
        assertEquals("old", cells(out.get(3)).get(0));
        assertEquals(4, out.size());
    }

    @Test
    void breaksAgeTiesById() {
        List<String> out = lines(Tables.sessions(List.of(session("b", 7, ""), session("a", 7, ""))));
        assertEquals("a", cells(out.get(2)).get(0));
        assertEquals("b", cells(out.get(3)).get(0));
    }

    @Test
    void showsADashForAnUnknownPeer() {
        List<String> out = lines(Tables.sessions(List.of(session("s1", 1, ""))));
        assertEquals("-", cells(out.get(2)).get(3));
    }

    @Test
    void alignsNumbersRight() {
        List<String> out = lines(Tables.sessions(List.of(session("s1", 5, "x"), session("s2", 12345, "x"))));
        int end = out.get(2).indexOf("5 |") + 1;
        assertEquals(end, out.get(3).indexOf("12345 |") + 5);
    }

    @Test
    void saysSoWhenThereAreNoSessions() {
        assertEquals("No sessions", lines(Tables.sessions(List.of())).get(2));
    }

    @Test
    void listsCountersByName() {
        List<String> out = lines(Tables.counters(Map.of("sessions", 3L, "auth_ok", 10L, "errors_403", 1L)));
        assertEquals(List.of("Counter", "Value"), cells(out.get(0)));
        assertEquals(List.of("auth_ok", "10"), cells(out.get(2)));
        assertEquals(List.of("errors_403", "1"), cells(out.get(3)));
        assertEquals(List.of("sessions", "3"), cells(out.get(4)));
    }

    @Test
    void listsAccountsOrSaysThereAreNone() {
        List<String> out = lines(Tables.accounts("memory", List.of("alice@example.com", "bob@example.com")));
        assertEquals("Account", out.get(0).strip());
        assertEquals(List.of("alice@example.com", "bob@example.com"), out.subList(2, 4));
        assertTrue(lines(Tables.accounts("jdbc", List.of())).contains("No accounts in backend jdbc"));
    }

    @Test
    void joinsUserAndRealm() {
        assertEquals("alice@example.com", Tables.userAtRealm("alice", "example.com"));
        assertEquals("alice", Tables.userAtRealm("alice", ""));
        assertEquals("-", Tables.userAtRealm(null, "example.com"));
    }
}
