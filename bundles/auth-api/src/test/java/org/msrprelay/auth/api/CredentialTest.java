package org.msrprelay.auth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class CredentialTest {

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cleartextComputesHa1ForUsernameAsSent() throws Exception {
        Credential c = Credential.cleartext("secret");
        assertTrue(c.isCleartext());
        assertEquals(md5("alice:example.com:secret"), c.ha1For("alice", "example.com"));
        assertEquals(md5("alice@example.com:example.com:secret"), c.ha1For("alice@example.com", "example.com"));
    }

    @Test
    void storedHa1UsesHa1bOnlyForFullUsername() throws Exception {
        String ha1 = md5("alice:example.com:secret");
        String ha1b = md5("alice@example.com:example.com:secret");
        Credential c = Credential.ha1(ha1.toUpperCase(), ha1b);
        assertFalse(c.isCleartext());
        assertEquals(ha1, c.ha1For("alice", "example.com"));
        assertEquals(ha1b, c.ha1For("alice@example.com", "example.com"));
        assertEquals(ha1, Credential.ha1(ha1).ha1For("alice@example.com", "example.com"));
    }

    @Test
    void rejectsMalformedHa1() {
        assertThrows(IllegalArgumentException.class, () -> Credential.ha1("xyz"));
        assertThrows(IllegalArgumentException.class, () -> Credential.ha1("0123456789abcdef0123456789abcdeg"));
        assertThrows(IllegalArgumentException.class, () -> Credential.ha1("0123456789abcdef0123456789abcdef", ""));
        assertThrows(NullPointerException.class, () -> Credential.cleartext(null));
    }

    @Test
    void toStringNeverRevealsSecret() {
        assertEquals("Credential[cleartext]", Credential.cleartext("hunter2").toString());
        String ha1 = "0123456789abcdef0123456789abcdef";
        assertFalse(Credential.ha1(ha1).toString().contains(ha1));
        assertFalse(Credential.ha1(ha1, ha1).toString().contains(ha1));
    }
}
