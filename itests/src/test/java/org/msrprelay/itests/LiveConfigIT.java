package org.msrprelay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.WritableCredentialStore;
import org.msrprelay.itests.MsrpTestClient.Auth;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Config Admin changes reach new sessions only: an established session keeps relaying with the
 * settings it started with. Each test puts back what it changed, so the container is shared.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigIT extends KarafTestSupport {
    private static final String RELAY_PID = "org.msrprelay.relay";

    @Inject
    protected FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    private static String relay(int port) {
        return "msrp://127.0.0.1:" + port + ";tcp";
    }

    /** Two authenticated clients with a bound session pair. */
    private static final class Pair implements AutoCloseable {
        final MsrpTestClient a;
        final MsrpTestClient b;
        final Auth aa;
        final Auth bb;

        Pair(int port) throws IOException {
            a = MsrpTestClient.connect("127.0.0.1", port);
            b = MsrpTestClient.connect("127.0.0.1", port);
            aa = a.auth(relay(port), "alice");
            bb = b.auth(relay(port), "bob");
        }

        /** A sends one SEND to B; asserts the relay's 200 and B's copy. */
        void exchange(String text) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String mid = MsrpTestClient.tid();
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    List.of("Message-ID: " + mid, "Byte-Range: 1-" + body.length + "/" + body.length, "Content-Type: text/plain"),
                    body, '$'));
            assertEquals(200, a.read().status());
            Frame got = b.read();
            assertEquals(text, got.bodyText());
            b.sendRaw("MSRP " + got.tid + " 200 OK\r\nTo-Path: " + bb.usePath + "\r\nFrom-Path: " + b.uri + "\r\n-------" + got.tid + "$\r\n");
        }

        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }

    /** Waits until a fresh connection sees {@code expected} as the status of an AUTH as carol asking for {@code expires}. */
    private void awaitAuthStatus(int port, Integer expires, int expected) throws Exception {
        await("AUTH with Expires " + expires + " answered " + expected, Duration.ofSeconds(20), () -> {
            try (MsrpTestClient c = MsrpTestClient.connect("127.0.0.1", port)) {
                return c.authenticate(relay(port), "carol", "example.com", PASSWORD, expires, false).status() == expected;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    public void expiryBoundsChangeForNewSessionsWhileAnEstablishedOneKeepsItsOwn() throws Exception {
        int port = relayPort();
        try (Pair p = new Pair(port)) {
            p.exchange("before");
            updateConfig(RELAY_PID, "session_expiration_time_maximum", "1200");
            awaitAuthStatus(port, 2000, 423);
            try (MsrpTestClient c = client()) {
                Frame f = c.authenticate(relay(port), "carol", "example.com", PASSWORD, 2000, false);
                assertEquals("1200", f.header("Max-Expires"));
            }
            p.exchange("after");
            // A refreshes on its own connection: its snapshot still allows up to 3600 s
            Frame challenge;
            String t = MsrpTestClient.tid();
            p.a.sendRaw(MsrpTestClient.request(t, "AUTH", relay(port), p.a.uri, List.of(), null, '$'));
            challenge = p.a.read();
            Frame refreshed = p.a.answer(challenge, relay(port), "alice", "example.com", PASSWORD, 2000, false, "00000001");
            assertEquals(refreshed.toString(), 200, refreshed.status());
            assertEquals(p.aa.usePath, refreshed.header("Use-Path"));
            assertEquals("2000", refreshed.header("Expires"));
            p.exchange("after refresh");
        } finally {
            updateConfig(RELAY_PID, "session_expiration_time_maximum", "3600");
            awaitAuthStatus(port, 2000, 200);
        }
    }

    @Test
    public void anInvalidValueIsRejectedAndThePreviousConfigurationStays() throws Exception {
        int port = relayPort();
        try {
            updateConfig(RELAY_PID, "session_expiration_time_maximum", "1200");
            awaitAuthStatus(port, 2000, 423);
            updateConfig(RELAY_PID, "session_expiration_time_minimum", "5000");
            updateConfig(RELAY_PID, "max_auth_attempts", "-4");
            Thread.sleep(500);
            try (MsrpTestClient c = client()) {
                Frame f = c.authenticate(relay(port), "carol", "example.com", PASSWORD, 2000, false);
                assertEquals("the last valid maximum still applies", "1200", f.header("Max-Expires"));
            }
            try (MsrpTestClient c = client()) {
                Frame f = c.authenticate(relay(port), "carol", "example.com", PASSWORD, 10, false);
                assertEquals("the last valid minimum still applies", "60", f.header("Min-Expires"));
            }
        } finally {
            updateConfig(RELAY_PID, "session_expiration_time_minimum", "60", "session_expiration_time_maximum", "3600",
                    "max_auth_attempts", "3");
            awaitAuthStatus(port, 2000, 200);
        }
    }

    @Test
    public void memoryAccountsChangeAtTheNextAuth() throws Exception {
        int port = relayPort();
        updateConfig("org.msrprelay.auth.memory", "dave@example.com", "pw-dave");
        await("dave can log in", Duration.ofSeconds(20), () -> {
            try (MsrpTestClient c = client()) {
                return c.authenticate(relay(port), "dave", "example.com", "pw-dave", null, false).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    public void aPortMoveRebindsWhileTheEstablishedSessionKeepsRelaying() throws Exception {
        int port = relayPort();
        int newPort = freePort();
        try (Pair p = new Pair(port)) {
            p.exchange("on the old port");
            updateConfig(RELAY_PID, "port", Integer.toString(newPort));
            await("listening on the new port", Duration.ofSeconds(20), () -> {
                try (MsrpTestClient c = MsrpTestClient.connect("127.0.0.1", newPort)) {
                    return c.authenticate(relay(newPort), "carol", "example.com", PASSWORD, null, false).status() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            try (MsrpTestClient old = MsrpTestClient.connect("127.0.0.1", port)) {
                throw new AssertionError("the old port still accepts connections");
            } catch (ConnectException expected) {
                // the listener moved
            }
            p.exchange("still relaying after the move");
        } finally {
            updateConfig(RELAY_PID, "port", Integer.toString(port));
            awaitAuthStatus(port, null, 200);
        }
    }

    @Test
    public void backendSwapToJdbcAndStoppingMemoryLeaveEstablishedSessionsAlone() throws Exception {
        int port = relayPort();
        try (Pair p = new Pair(port)) {
            p.exchange("with memory");
            features.installFeature("msrprelay-auth-jdbc");
            await("jdbc backend", Duration.ofSeconds(60), () -> store("jdbc") != null);
            // embedded Derby creates its database on first use; until then the backend answers "unavailable"
            await("jdbc backend accepts a user", Duration.ofSeconds(60), () -> {
                try {
                    ((WritableCredentialStore) bundleContext.getService(store("jdbc"))).addUser("erin", "example.com", "pw-erin");
                    return true;
                } catch (org.msrprelay.auth.api.CredentialStoreException e) {
                    return false;
                }
            });
            updateConfig(RELAY_PID, "backend", "jdbc");
            await("erin logs in through jdbc", Duration.ofSeconds(30), () -> {
                try (MsrpTestClient c = client()) {
                    return c.authenticate(relay(port), "erin", "example.com", "pw-erin", null, false).status() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            for (Bundle b : bundleContext.getBundles()) {
                if (b.getSymbolicName().equals("org.msrprelay.auth.memory")) {
                    b.stop();
                }
            }
            p.exchange("memory bundle stopped, session untouched");
            try (MsrpTestClient c = client()) {
                Frame f = c.authenticate(relay(port), "alice", "example.com", PASSWORD, null, false);
                assertEquals("alice is not in the jdbc backend", 401, f.status());
            }
            updateConfig(RELAY_PID, "backend", "memory");
            await("an AUTH with the backend gone gets a clear error", Duration.ofSeconds(20), () -> {
                try (MsrpTestClient c = client()) {
                    return c.authenticate(relay(port), "alice", "example.com", PASSWORD, null, false).status() == 500;
                } catch (IOException e) {
                    return false;
                }
            });
            p.exchange("still relaying");
        } finally {
            for (Bundle b : bundleContext.getBundles()) {
                if (b.getSymbolicName().equals("org.msrprelay.auth.memory")) {
                    b.start();
                }
            }
            updateConfig(RELAY_PID, "backend", "memory");
            awaitAuthStatus(port, null, 200);
        }
    }

    @Test
    public void anExpiredSessionAnswers481AndIsClosed() throws Exception {
        int port = relayPort();
        try {
            updateConfig(RELAY_PID, "session_expiration_time_minimum", "1");
            awaitAuthStatus(port, 1, 200);
            try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
                Frame fa = a.authenticate(relay(port), "alice", "example.com", PASSWORD, 1, false);
                assertEquals("1", fa.header("Expires"));
                Auth bb = b.auth(relay(port), "bob");
                Thread.sleep(1500);
                a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND",
                        fa.header("Use-Path") + " " + bb.usePath + " " + b.uri, a.uri,
                        List.of("Message-ID: exp1abcd", "Byte-Range: 1-1/1"), "x".getBytes(StandardCharsets.US_ASCII), '$'));
                assertEquals(481, a.read().status());
                assertTrue("the expired session's connection is closed", a.closedByPeer());
            }
        } finally {
            updateConfig(RELAY_PID, "session_expiration_time_minimum", "60");
            awaitAuthStatus(port, 1, 423);
        }
    }

    @Test
    public void aDownstreamTimeoutBecomesA408ReportAndOtherMethodsCanBeRefused() throws Exception {
        int port = relayPort();
        try {
            updateConfig(RELAY_PID, "transaction_timeout", "1", "allow_other_methods", "false");
            Thread.sleep(1000);
            try (Pair p = new Pair(port)) {
                byte[] body = "nobody answers".getBytes(StandardCharsets.UTF_8);
                p.a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", p.aa.usePath + " " + p.bb.usePath + " " + p.b.uri,
                        p.a.uri, List.of("Message-ID: to1abcde", "Byte-Range: 1-" + body.length + "/" + body.length), body, '$'));
                assertEquals(200, p.a.read().status());
                assertEquals("SEND", p.b.read().method());
                Frame report = p.a.read();
                assertEquals("REPORT", report.method());
                assertTrue(report.header("Status"), report.header("Status").startsWith("000 408"));
                assertEquals("to1abcde", report.header("Message-ID"));
                assertEquals("1-" + body.length + "/" + body.length, report.header("Byte-Range"));
                assertEquals(p.a.uri, report.header("To-Path"));

                p.a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "FOO", p.aa.usePath + " " + p.bb.usePath + " " + p.b.uri,
                        p.a.uri, List.of(), null, '$'));
                assertEquals(501, p.a.read().status());
            }
        } finally {
            updateConfig(RELAY_PID, "transaction_timeout", "30", "allow_other_methods", "true");
            Thread.sleep(1000);
        }
    }

    @Test
    public void aConnectionThatSendsNothingValidIsClosedAfterTheUnauthenticatedTimeout() throws Exception {
        int port = relayPort();
        try {
            updateConfig(RELAY_PID, "unauthenticated_timeout", "1");
            Thread.sleep(1000);
            try (MsrpTestClient idle = client(); MsrpTestClient authed = client()) {
                authed.auth(relay(port), "alice");
                idle.timeout(5000);
                assertTrue("closed for sending nothing", idle.closedByPeer());
                authed.timeout(1500);
                assertTrue("an authenticated connection stays", !authed.closedByPeer());
            }
        } finally {
            updateConfig(RELAY_PID, "unauthenticated_timeout", "30");
            Thread.sleep(1000);
        }
    }

    private ServiceReference<CredentialStore> store(String name) {
        try {
            var refs = bundleContext.getServiceReferences(CredentialStore.class, "(msrprelay.backend=" + name + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    public void switchingToTlsKeepsThePlainSessionAndNewClientsGetMsrps() throws Exception {
        int port = relayPort();
        try (Pair p = new Pair(port)) {
            updateConfig(RELAY_PID, "debug_notls", "false");
            await("TLS for new connections", Duration.ofSeconds(30), () -> {
                try (MsrpTestClient c = MsrpTestClient.connectTls("127.0.0.1", port)) {
                    Frame f = c.authenticate("msrps://127.0.0.1:" + port + ";tcp", "carol", "example.com", PASSWORD, null, false);
                    return f.status() == 200 && f.header("Use-Path").startsWith("msrps://");
                } catch (IOException e) {
                    return false;
                }
            });
            p.exchange("plain session still relays");
            tlsExchange(port);
        } finally {
            updateConfig(RELAY_PID, "debug_notls", "true");
            awaitAuthStatus(port, null, 200);
        }
    }

    private void tlsExchange(int port) throws Exception {
        {
            try (MsrpTestClient x = MsrpTestClient.connectTls("127.0.0.1", port);
                 MsrpTestClient y = MsrpTestClient.connectTls("127.0.0.1", port)) {
                String r = "msrps://127.0.0.1:" + port + ";tcp";
                Frame fx = x.authenticate(r, "alice", "example.com", PASSWORD, null, false);
                Frame fy = y.authenticate(r, "bob", "example.com", PASSWORD, null, false);
                String ux = fx.header("Use-Path");
                String uy = fy.header("Use-Path");
                byte[] body = "over TLS".getBytes(StandardCharsets.UTF_8);
                x.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", ux + " " + uy + " " + y.uri, x.uri,
                        List.of("Message-ID: tls1abcd", "Byte-Range: 1-8/8"), body, '$'));
                assertEquals(200, x.read().status());
                Frame got = y.read();
                assertEquals("over TLS", got.bodyText());
                assertTrue(got.header("From-Path").startsWith(uy + " " + ux));
            }
        }
    }
}
