package org.msrprelay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.itests.MsrpTestClient.Auth;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.msrprelay.relay.RelayStatus;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The assembly boots with the relay; two clients authenticate and exchange messages through it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RelayIT extends KarafTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    private String relay() {
        return "msrp://127.0.0.1:" + relayPort() + ";tcp";
    }

    @Test
    public void assemblyBootsWithEveryBundleActiveAndTheCodecRegistered() throws Exception {
        for (String bsn : List.of("org.msrprelay.codec", "org.msrprelay.auth.api", "org.msrprelay.auth.memory",
                "org.msrprelay.tls", "org.msrprelay.relay", "org.msrprelay.shell")) {
            Bundle b = null;
            for (Bundle x : bundleContext.getBundles()) {
                if (x.getSymbolicName().equals(bsn)) {
                    b = x;
                }
            }
            assertNotNull(bsn + " installed", b);
            assertEquals(bsn + " active", Bundle.ACTIVE, b.getState());
        }
        await("codec service", java.time.Duration.ofSeconds(20), () -> !services(ProtocolCodecFactory.class, "(protocol=msrp)").isEmpty());
        await("relay service", java.time.Duration.ofSeconds(20), () -> !services(RelayStatus.class, null).isEmpty());
    }

    private <T> java.util.Collection<ServiceReference<T>> services(Class<T> type, String filter) {
        try {
            return bundleContext.getServiceReferences(type, filter);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    public void authChallengesThenGrantsUsePathExpiresAndAuthenticationInfo() throws Exception {
        try (MsrpTestClient a = client()) {
            String t = MsrpTestClient.tid();
            a.sendRaw(MsrpTestClient.request(t, "AUTH", relay(), a.uri, List.of(), null, '$'));
            Frame challenge = a.read();
            assertEquals(401, challenge.status());
            assertEquals(t, challenge.tid);
            assertEquals(a.uri, challenge.header("To-Path"));
            String www = challenge.header("WWW-Authenticate");
            assertTrue(www, www.startsWith("Digest "));
            assertEquals("example.com", MsrpTestClient.param(www, "realm"));
            assertEquals("auth", MsrpTestClient.param(www, "qop"));
            Frame ok = a.answer(challenge, relay(), "alice", "example.com", PASSWORD, null, false, "00000001");
            assertEquals(ok.toString(), 200, ok.status());
            assertTrue(ok.header("Use-Path"), ok.header("Use-Path").matches("msrp://127\\.0\\.0\\.1:" + relayPort() + "/[A-Za-z0-9_-]{20,};tcp"));
            assertEquals("600", ok.header("Expires"));
            assertNotNull(ok.header("Authentication-Info"));
        }
    }

    @Test
    public void authAcceptsDigestUriAndFullUsernameAndBoundsExpires() throws Exception {
        try (MsrpTestClient a = client()) {
            Frame ok = a.authenticate(relay(), "bob@example.com", "example.com", PASSWORD, 120, true);
            assertEquals(ok.toString(), 200, ok.status());
            assertEquals("120", ok.header("Expires"));
        }
        try (MsrpTestClient a = client()) {
            Frame low = a.authenticate(relay(), "bob", "example.com", PASSWORD, 10, false);
            assertEquals(423, low.status());
            assertEquals("60", low.header("Min-Expires"));
        }
        try (MsrpTestClient a = client()) {
            Frame high = a.authenticate(relay(), "bob", "example.com", PASSWORD, 999999, false);
            assertEquals(423, high.status());
            assertEquals("3600", high.header("Max-Expires"));
        }
    }

    @Test
    public void wrongPasswordIsRechallengedAndTheThirdFailureClosesTheConnection() throws Exception {
        try (MsrpTestClient a = client()) {
            Frame f = a.authenticate(relay(), "alice", "example.com", "wrong", null, false);
            assertEquals(401, f.status());
            f = a.answer(f, relay(), "alice", "example.com", "wrong", null, false, "00000001");
            assertEquals(401, f.status());
            f = a.answer(f, relay(), "alice", "example.com", "wrong", null, false, "00000001");
            assertEquals(403, f.status());
            assertTrue("closed after max_auth_attempts", a.closedByPeer());
        }
    }

    @Test
    public void twoClientsExchangeSendReportAndNicknameThroughTheRelay() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            String t = MsrpTestClient.tid();
            byte[] body = "Hello B, this is A via the relay.".getBytes(StandardCharsets.UTF_8);
            a.sendRaw(MsrpTestClient.request(t, "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    List.of("Message-ID: m1abcd", "Success-Report: yes", "Byte-Range: 1-" + body.length + "/" + body.length,
                            "Content-Type: text/plain"), body, '$'));
            Frame ok = a.read();
            assertEquals(200, ok.status());
            assertEquals(t, ok.tid);
            Frame got = b.read();
            assertEquals("SEND", got.method());
            assertEquals(b.uri, got.header("To-Path"));
            assertEquals(bb.usePath + " " + aa.usePath + " " + a.uri, got.header("From-Path"));
            assertEquals("m1abcd", got.header("Message-ID"));
            assertEquals("Hello B, this is A via the relay.", got.bodyText());
            assertEquals('$', got.flag);
            b.sendRaw("MSRP " + got.tid + " 200 OK\r\nTo-Path: " + bb.usePath + "\r\nFrom-Path: " + b.uri + "\r\n-------" + got.tid + "$\r\n");

            String r = MsrpTestClient.tid();
            b.sendRaw(MsrpTestClient.request(r, "REPORT", bb.usePath + " " + aa.usePath + " " + a.uri, b.uri,
                    List.of("Message-ID: m1abcd", "Byte-Range: 1-" + body.length + "/" + body.length, "Status: 000 200 OK"), null, '$'));
            Frame report = a.read();
            assertEquals("REPORT", report.method());
            assertEquals("000 200 OK", report.header("Status"));
            assertEquals(aa.usePath + " " + bb.usePath + " " + b.uri, report.header("From-Path"));

            String n = MsrpTestClient.tid();
            b.sendRaw(MsrpTestClient.request(n, "NICKNAME", bb.usePath + " " + aa.usePath + " " + a.uri, b.uri,
                    List.of("Use-Nickname: \"Bob\""), null, '$'));
            Frame nick = a.read();
            assertEquals("NICKNAME", nick.method());
            a.sendRaw("MSRP " + nick.tid + " 200 OK\r\nTo-Path: " + aa.usePath + "\r\nFrom-Path: " + a.uri + "\r\n-------" + nick.tid + "$\r\n");
            Frame nickOk = b.read();
            assertEquals(200, nickOk.status());
            assertEquals(n, nickOk.tid);
        }
    }

    @Test
    public void unknownSessionGets481AndGarbageClosesTheConnection() throws Exception {
        try (MsrpTestClient a = client()) {
            a.auth(relay(), "carol");
            String t = MsrpTestClient.tid();
            a.sendRaw(MsrpTestClient.request(t, "SEND", "msrp://127.0.0.1:" + relayPort() + "/nosuchsession;tcp " + a.uri, a.uri,
                    List.of("Message-ID: m2abcd", "Byte-Range: 1-2/2"), "hi".getBytes(StandardCharsets.US_ASCII), '$'));
            Frame f = a.read();
            assertEquals(481, f.status());
            a.sendRaw("HELLO THIS IS NOT MSRP\r\n");
            assertTrue(a.closedByPeer());
        }
    }
}
