package org.msrprelay.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void namesTheInstalledBackendsWhenOneIsUnknown() {
        assertEquals("no credential backend named ldap; installed: jdbc, memory",
                Backends.unknownBackendMessage("ldap", List.of("jdbc", "memory")));
    }

    @Test
    void saysNoneWhenNoBackendIsInstalled() {
        assertEquals("no credential backend named memory; installed: none",
                Backends.unknownBackendMessage("memory", List.of()));
    }
}
