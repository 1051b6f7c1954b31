package org.msrprelay.auth.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.api.CredentialStoreException;

class MemoryCredentialStoreTest {
    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();

    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("service.pid", MemoryCredentialStore.PID);
        m.put("felix.fileinstall.filename", "file:/opt/karaf/etc/org.msrprelay.auth.memory.cfg");
        m.put("component.name", MemoryCredentialStore.class.getName());
        m.put("component.id", 7L);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String ha1(MemoryCredentialStore store, String user, String domain) throws Exception {
        return store.lookup(user, domain).orElseThrow().ha1For(user, domain);
    }

    private static String expectedHa1(String user, String domain, String password) {
        return Credential.cleartext(password).ha1For(user, domain);
    }

    @Test
    void looksUpAccountsFromProperties() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, config("alice@example.com", "1234"));
        Credential c = store.lookup("alice", "example.com").orElseThrow();
        assertTrue(c.isCleartext());
        assertEquals(expectedHa1("alice", "example.com", "1234"), c.ha1For("alice", "example.com"));
        assertTrue(store.lookup("bob", "example.com").isEmpty());
    }

    @Test
    void ignoresPropertiesThatAreNotAccounts() {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, config("a@b@c", "x", "@example.com", "x",
                "carol@", "x", "dave@example.com", 42, "eve@example.com", "pw"));
        assertEquals(List.of("eve@example.com"), store.listUsers());
    }

    @Test
    void acceptsDashesInUserAndDomain() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, config("jean-luc@my-domain.org", "engage"));
        assertEquals(expectedHa1("jean-luc", "my-domain.org", "engage"), ha1(store, "jean-luc", "my-domain.org"));
        assertTrue(store.lookup("jean_luc", "my_domain.org").isEmpty());
    }

    @Test
    void matchesUserCaseSensitivelyAndDomainCaseInsensitively() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, config("Alice@Example.COM", "pw"));
        assertTrue(store.lookup("Alice", "example.com").isPresent());
        assertTrue(store.lookup("Alice", "EXAMPLE.com").isPresent());
        assertTrue(store.lookup("alice", "example.com").isEmpty());
    }

    @Test
    void appliesModifiedConfigurationToNextLookup() {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, config("alice@example.com", "1"));
        store.modified(config("bob@example.com", "2"));
        assertTrue(store.lookup("alice", "example.com").isEmpty());
        assertTrue(store.lookup("bob", "example.com").isPresent());
    }

    @Test
    void runsWithoutConfiguration() {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of("component.id", 1L));
        assertEquals(List.of(), store.listUsers());
        assertTrue(store.lookup("alice", "example.com").isEmpty());
    }

    @Test
    void addUserWritesThroughConfigAdminKeepingOtherProperties() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of());
        cm.listener = store::modified;
        cm.configuration.properties = new Hashtable<>(Map.of("service.pid", MemoryCredentialStore.PID,
                "bob@example.com", "b"));
        store.addUser("alice", "example.com", "s3cret");
        assertEquals("?", cm.requestedLocation);
        assertEquals("s3cret", cm.configuration.properties.get("alice@example.com"));
        assertEquals("b", cm.configuration.properties.get("bob@example.com"));
        assertEquals(MemoryCredentialStore.PID, cm.configuration.properties.get("service.pid"));
        assertEquals(expectedHa1("alice", "example.com", "s3cret"), ha1(store, "alice", "example.com"));
        assertEquals(List.of("alice@example.com", "bob@example.com"), store.listUsers());
    }

    @Test
    void addUserAppliesBeforeConfigAdminCallsBack() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of());
        store.addUser("alice", "example.com", "pw");
        assertTrue(store.lookup("alice", "example.com").isPresent());
    }

    @Test
    void addUserReplacesExistingAccountInAnyDomainCase() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of());
        cm.configuration.properties = new Hashtable<>(Map.of("alice@Example.com", "old"));
        store.addUser("alice", "example.com", "new");
        assertEquals(Map.of("alice@example.com", "new"), Map.copyOf(cm.configuration.properties));
        assertEquals(expectedHa1("alice", "example.com", "new"), ha1(store, "alice", "example.com"));
    }

    @Test
    void removeUserWritesThroughAndReportsWhetherItExisted() throws Exception {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of());
        cm.configuration.properties = new Hashtable<>(Map.of("alice@example.com", "a", "bob@example.com", "b"));
        assertTrue(store.removeUser("alice", "EXAMPLE.COM"));
        assertFalse(store.removeUser("alice", "example.com"));
        assertFalse(store.removeUser("carol", "example.com"));
        assertEquals(Map.of("bob@example.com", "b"), Map.copyOf(cm.configuration.properties));
        assertEquals(1, cm.configuration.updates);
        assertEquals(List.of("bob@example.com"), store.listUsers());
    }

    @Test
    void rejectsNamesThatCannotBeAccountKeys() {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of());
        for (String[] bad : new String[][] {{"", "example.com"}, {"a@b", "example.com"}, {"alice", ""},
                {"al ice", "example.com"}, {"alice", "exa=mple.com"}, {"alice", "x:y"}}) {
            assertThrows(CredentialStoreException.class, () -> store.addUser(bad[0], bad[1], "pw"),
                    bad[0] + "@" + bad[1]);
        }
        assertEquals(0, cm.configuration.updates);
    }

    @Test
    void reportsConfigAdminFailure() {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, Map.of());
        cm.failWrites = true;
        CredentialStoreException e = assertThrows(CredentialStoreException.class,
                () -> store.addUser("alice", "example.com", "pw"));
        assertTrue(e.getMessage().contains("disk full"));
        assertTrue(store.lookup("alice", "example.com").isEmpty());
    }

    @Test
    void listsUsersSorted() {
        MemoryCredentialStore store = new MemoryCredentialStore(cm, config("zed@a.org", "1", "amy@b.org", "2",
                "amy@a.org", "3"));
        assertEquals(List.of("amy@a.org", "amy@b.org", "zed@a.org"), store.listUsers());
    }
}
