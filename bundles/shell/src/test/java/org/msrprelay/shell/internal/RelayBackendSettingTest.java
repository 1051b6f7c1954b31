package org.msrprelay.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;

class RelayBackendSettingTest {

    @Test
    void defaultsToMemoryWithoutAConfiguration() {
        assertEquals("memory", RelayBackendSetting.fromProperties(null));
    }

    @Test
    void defaultsToMemoryWithoutABackendKey() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("port", 2855);
        assertEquals("memory", RelayBackendSetting.fromProperties(props));
    }

    @Test
    void defaultsToMemoryForABlankBackend() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("backend", "  ");
        assertEquals("memory", RelayBackendSetting.fromProperties(props));
    }

    @Test
    void usesTheTrimmedBackendSetting() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("backend", " jdbc ");
        assertEquals("jdbc", RelayBackendSetting.fromProperties(props));
    }
}
