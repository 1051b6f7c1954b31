package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    private static HostNames.SubjectAltNames names;

    @BeforeAll
    static void certificate() throws Exception {
        KeyPair pair = TestPki.ec();
        names = HostNames.subjectAltNames(TestPki.selfSigned(pair, "cn-only.example.org",
                List.of("relay.example.com", "*.example.net", "Mixed.Example.ORG"), List.of("192.0.2.7", "2001:db8::1")));
    }

    @Test
    void readsDnsNamesInCertificateOrder() {
        assertEquals(List.of("relay.example.com", "*.example.net", "Mixed.Example.ORG"), names.dnsNames());
        assertEquals(2, names.ipAddresses().size());
    }

    @Test
    void matchesExactNamesCaseInsensitivelyAndWithTrailingDot() {
        assertTrue(HostNames.covers(names, "relay.example.com", true));
        assertTrue(HostNames.covers(names, "RELAY.example.COM", true));
        assertTrue(HostNames.covers(names, "relay.example.com.", true));
        assertTrue(HostNames.covers(names, "mixed.example.org", true));
        assertFalse(HostNames.covers(names, "other.example.com", true));
        assertFalse(HostNames.covers(names, "example.com", true));
    }

    @Test
    void wildcardCoversOneOrMoreLabelsForTheRelaysOwnName() {
        assertTrue(HostNames.covers(names, "a.example.net", true));
        assertTrue(HostNames.covers(names, "a.b.c.example.net", true));
        assertFalse(HostNames.covers(names, "example.net", true));
        assertFalse(HostNames.covers(names, ".example.net", true));
        assertFalse(HostNames.covers(names, "a..example.net", true));
        assertFalse(HostNames.covers(names, "aexample.net", true));
    }

    @Test
    void wildcardCoversOneLabelWhenVerifyingPeers() {
        assertTrue(HostNames.covers(names, "a.example.net", false));
        assertFalse(HostNames.covers(names, "a.b.example.net", false));
    }

    @Test
    void matchesIpLiteralsOnlyAgainstIpNames() {
        assertTrue(HostNames.covers(names, "192.0.2.7", true));
        assertTrue(HostNames.covers(names, "2001:db8::1", true));
        assertTrue(HostNames.covers(names, "[2001:DB8:0:0:0:0:0:1]", true));
        assertFalse(HostNames.covers(names, "192.0.2.8", true));
        assertFalse(HostNames.covers(names, "999.0.2.7", true));
    }

    @Test
    void neverUsesTheCommonName() {
        assertFalse(HostNames.covers(names, "cn-only.example.org", true));
    }

    @Test
    void rejectsEmptyAndMalformedHosts() {
        assertFalse(HostNames.covers(names, null, true));
        assertFalse(HostNames.covers(names, "", true));
        assertFalse(HostNames.covers(names, "relay example.com", true));
        assertFalse(HostNames.covers(names, "*.example.net", true));
    }

    @Test
    void recognisesIpLiteralsWithoutLookingThemUp() {
        assertTrue(HostNames.ipLiteral("127.0.0.1").isPresent());
        assertTrue(HostNames.ipLiteral("::1").isPresent());
        assertTrue(HostNames.ipLiteral("[::1]").isPresent());
        assertTrue(HostNames.ipLiteral("localhost").isEmpty());
        assertTrue(HostNames.ipLiteral("12:zz").isEmpty());
        assertTrue(HostNames.ipLiteral("1.2.3.256").isEmpty());
        assertTrue(HostNames.isDnsName("relay.example.com"));
        assertFalse(HostNames.isDnsName("127.0.0.1"));
        assertFalse(HostNames.isDnsName("-bad.example.com"));
    }
}
