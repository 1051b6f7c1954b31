package org.msrprelay.auth.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesRfc7617Example() {
        assertArrayEquals(new String[] {"Aladdin", "open sesame"},
                BasicCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").orElseThrow());
    }

    @Test
    void keepsColonsInPasswordAndAcceptsAnySchemeCase() {
        assertArrayEquals(new String[] {"alice@example.com", "a:b:c"},
                BasicCredentials.parse("  basic   " + b64("alice@example.com:a:b:c") + " ").orElseThrow());
        assertArrayEquals(new String[] {"j\u00f6rg", ""},
                BasicCredentials.parse("BASIC " + b64("j\u00f6rg:")).orElseThrow());
    }

    @Test
    void rejectsWhatIsNotBasicCredentials() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Basic").isEmpty());
        assertTrue(BasicCredentials.parse("Digest username=\"alice\"").isEmpty());
        assertTrue(BasicCredentials.parse("Basicx " + b64("a:b")).isEmpty());
        assertTrue(BasicCredentials.parse("Basic !!!notbase64").isEmpty());
        assertTrue(BasicCredentials.parse("Basic " + b64("nocolon")).isEmpty());
        assertTrue(BasicCredentials.parse("Basic " + b64(":emptyuser")).isEmpty());
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'});
        assertTrue(BasicCredentials.parse("Basic " + notUtf8).isEmpty());
    }
}
