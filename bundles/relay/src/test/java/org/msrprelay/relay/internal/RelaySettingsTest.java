package org.msrprelay.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RelaySettingsTest {

    /** A RelayConfig with the metatype defaults, some overridden by key. */
    static RelayConfig config(Object... keyValues) {
        Map<String, Object> overrides = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (RelayConfig) Proxy.newProxyInstance(RelayConfig.class.getClassLoader(), new Class<?>[] {RelayConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return RelayConfig.class;
                    }
                    String key = method.getName().replace("__", "_");
                    return overrides.containsKey(key) ? overrides.get(key) : method.getDefaultValue();
                });
    }

    @Test
    void defaultsFollowTheSpec() {
        RelaySettings s = RelaySettings.from(config(), 1);
        assertEquals(2855, s.port());
        assertTrue(s.tls());
        assertEquals("memory", s.backend());
        assertEquals(3, s.maxAuthAttempts());
        assertEquals(15, s.nonceTtl().toSeconds());
        assertEquals(60, s.expiresMin());
        assertEquals(600, s.expiresDefault());
        assertEquals(3600, s.expiresMax());
        assertTrue(s.maxConnectionsPerAddress() >= 1000, "many clients share one NAT address");
        assertTrue(s.allowOtherMethods());
        assertFalse(s.allowBasicAuth());
    }

    @Test
    void rejectsExpiryBoundsOutOfOrderNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelaySettings.from(config("session_expiration_time_minimum", 5000), 1));
        assertTrue(e.getMessage().startsWith("session_expiration_time_default"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("session_expiration_time_maximum", 100), 1));
    }

    @Test
    void rejectsNegativeOrZeroBoundsAndBadAddresses() {
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("max_auth_attempts", -1), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("port", 0), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("port", 70000), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("session_queue_bytes", 10), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("address", "not an address!"), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("hostname", "bad host/name"), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("backend", " "), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.from(config("max_headers", 1), 1));
    }

    @Test
    void debugNotlsTurnsTlsOffAndListenerIdentityIsAddressPortAndTls() {
        RelaySettings tls = RelaySettings.from(config(), 1);
        RelaySettings plain = RelaySettings.from(config("debug_notls", true), 2);
        assertFalse(plain.tls());
        assertFalse(tls.sameListener(plain));
        assertTrue(tls.sameListener(RelaySettings.from(config("max_auth_attempts", 9), 3)));
        assertFalse(tls.sameListener(RelaySettings.from(config("port", 2856), 4)));
    }

    @Test
    void everyMetatypeKeyMapsToAnAttributeWithADefault() {
        for (Method m : RelayConfig.class.getDeclaredMethods()) {
            assertTrue(m.getDefaultValue() != null, m.getName() + " has a default");
        }
        Annotation a = config();
        assertEquals(RelayConfig.class, a.annotationType());
    }
}
