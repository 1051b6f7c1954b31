package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MSRP URIs (RFC 4975 section 6): kept as written, compared by the rules of section 6.1. */
class MsrpUriTest {

    static MsrpUri uri(String s) {
        try {
            return MsrpUri.parse(s);
        } catch (MsrpSyntaxException e) {
            throw new AssertionError(s, e);
        }
    }

    static void assertSame(String a, String b) {
        assertEquals(uri(a), uri(b));
        assertEquals(uri(b), uri(a));
        assertEquals(uri(a).hashCode(), uri(b).hashCode(), "hashCode must agree with equals");
    }

    static void assertDifferent(String a, String b) {
        assertNotEquals(uri(a), uri(b));
        assertNotEquals(uri(b), uri(a));
    }

    @Test
    void partsAreParsedAndTheTextIsKeptAsWritten() {
        MsrpUri u = uri("MSRPS://Alice@Relay.Example.COM:9000/jui787s2f;TCP;p=1");
        assertTrue(u.secure());
        assertEquals("Alice", u.userinfo());
        assertEquals("Relay.Example.COM", u.host());
        assertEquals(9000, u.port());
        assertEquals("jui787s2f", u.sessionId());
        assertEquals("TCP", u.transport());
        assertTrue(u.isTcp());
        assertEquals(List.of("p=1"), u.parameters());
        assertEquals("MSRPS://Alice@Relay.Example.COM:9000/jui787s2f;TCP;p=1", u.toString());
    }

    @Test
    void relayUriWithoutSessionIdOrPort() {
        MsrpUri u = uri("msrps://alice@intra.example.com;tcp");
        assertNull(u.sessionId());
        assertEquals(-1, u.port());
        assertEquals(2855, u.effectivePort());
    }

    @Test
    void ofBuildsTheCanonicalForm() {
        assertEquals("msrps://relay.example.com:2855/abc;tcp", MsrpUri.of(true, "relay.example.com", 2855, "abc").toString());
        assertEquals("msrp://[::1]/x;tcp", MsrpUri.of(false, "[::1]", -1, "x").toString());
        assertEquals("msrp://h;tcp", MsrpUri.of(false, "h", -1, null).toString());
        assertThrows(IllegalArgumentException.class, () -> MsrpUri.of(false, "bad host", 1, "x"));
    }

    @Test
    void schemeAndHostCompareCaseInsensitively() {
        assertSame("msrp://relay.example.com:2855/abc;tcp", "MSRP://RELAY.Example.Com:2855/abc;tcp");
        assertSame("msrps://relay.example.com:2855/abc;tcp", "MsRpS://relay.example.com:2855/abc;tcp");
    }

    @Test
    void transportComparesCaseInsensitively() {
        assertSame("msrp://h:1/abc;tcp", "msrp://h:1/abc;TCP");
        assertDifferent("msrp://h:1/abc;tcp", "msrp://h:1/abc;sctp");
    }

    @Test
    void secureAndPlainSchemesDiffer() {
        assertDifferent("msrp://h:1/abc;tcp", "msrps://h:1/abc;tcp");
    }

    @Test
    void explicitPortNeverEqualsAnAbsentOne() {
        assertDifferent("msrp://h:2855/abc;tcp", "msrp://h/abc;tcp");
        assertDifferent("msrp://h:2855/abc;tcp", "msrp://h:2856/abc;tcp");
        assertSame("msrp://h:02855/abc;tcp", "msrp://h:2855/abc;tcp");
    }

    @Test
    void sessionIdComparesCaseSensitively() {
        assertDifferent("msrp://h:1/abc;tcp", "msrp://h:1/ABC;tcp");
        assertDifferent("msrp://h:1/abc;tcp", "msrp://h:1;tcp");
        assertSame("msrp://h:1/a+b=c/d;tcp", "msrp://h:1/a+b=c/d;tcp");
    }

    @Test
    void userinfoAndOtherParametersAreIgnored() {
        assertSame("msrps://alice@intra.example.com;tcp", "msrps://intra.example.com;tcp");
        assertSame("msrps://alice@intra.example.com;tcp", "msrps://bob@intra.example.com;tcp;foo=bar");
    }

    @Test
    void hostsDiffer() {
        assertDifferent("msrp://a.example.com:1/x;tcp", "msrp://b.example.com:1/x;tcp");
        assertDifferent("msrp://[::1]:1/x;tcp", "msrp://127.0.0.1:1/x;tcp");
    }

    @Test
    void equalUrisCollapseInAHashSet() {
        Set<MsrpUri> set = new HashSet<>();
        for (String s : new String[] {"msrp://H:1/x;tcp", "MSRP://h:1/x;TCP", "msrp://u@h:1/x;tcp;a=b", "msrp://h:1/X;tcp",
                "msrp://h/x;tcp", "msrps://h:1/x;tcp"}) {
            set.add(uri(s));
        }
        assertEquals(4, set.size());
        assertFalse(uri("msrp://h:1/x;tcp").equals("msrp://h:1/x;tcp"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "msrp://[::1]:2855/s;tcp|[::1]|::1|2855",
        "msrp://[2001:db8::7]/s;tcp|[2001:db8::7]|2001:db8::7|-1",
        "msrp://127.0.0.1:22855/s;tcp|127.0.0.1|127.0.0.1|22855",
        "msrp://client-a.invalid:1234/ieqh524yng;tcp|client-a.invalid|client-a.invalid|1234"})
    void hostsAndPorts(String text, String host, String socketHost, int port) {
        MsrpUri u = uri(text);
        assertEquals(host, u.host());
        assertEquals(socketHost, u.socketHost());
        assertEquals(port, u.port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "msrp://h:1/s|without transport",
        "msrp://h:65536/s;tcp|port too large",
        "msrp://h:-1/s;tcp|negative port",
        "msrp://h:1x/s;tcp|port not numeric",
        "tel://h:1/s;tcp|other scheme",
        "msrp:/h:1/s;tcp|one slash",
        "msrp://:1/s;tcp|no host",
        "msrp://h h:1/s;tcp|space in host",
        "msrp://[::1/s;tcp|open IPv6 literal",
        "msrp://[::1]x/s;tcp|garbage after IPv6 literal",
        "msrp://h:1/s s;tcp|space in session-id",
        "msrp://h:1/s;|empty transport",
        "msrp://h:1/s;tcp;|empty parameter"})
    void badUrisAreRejected(String text, String why) {
        assertThrows(MsrpSyntaxException.class, () -> MsrpUri.parse(text), why);
    }
}
