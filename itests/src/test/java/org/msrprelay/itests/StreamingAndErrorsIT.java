package org.msrprelay.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.itests.MsrpTestClient.Auth;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Streaming, the relay dialling out, chunk interruption, and the error rows of SPEC section 4. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamingAndErrorsIT extends KarafTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    private String relay() {
        return "msrp://127.0.0.1:" + relayPort() + ";tcp";
    }

    private static List<String> sendHeaders(String messageId, long start, long end, long total) {
        return List.of("Message-ID: " + messageId, "Byte-Range: " + start + "-" + end + "/" + total,
                "Content-Type: application/octet-stream");
    }

    @Test
    public void relayDialsAPlainEndpointAndCarriesItsTrafficBack() throws Exception {
        try (ServerSocket endpoint = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             MsrpTestClient a = client()) {
            Auth aa = a.auth(relay(), "alice");
            String bUri = "msrp://127.0.0.1:" + endpoint.getLocalPort() + "/endpointb;tcp";
            byte[] body = "to a plain endpoint".getBytes(StandardCharsets.UTF_8);
            String t = MsrpTestClient.tid();
            a.sendRaw(MsrpTestClient.request(t, "SEND", aa.usePath + " " + bUri, a.uri,
                    sendHeaders("pe1abc", 1, body.length, body.length), body, '$'));
            assertEquals(200, a.read().status());
            endpoint.setSoTimeout(10_000);
            try (Socket accepted = endpoint.accept(); MsrpTestClient b = MsrpTestClient.over(accepted)) {
                assertTrue("TCP_NODELAY on the relay's outbound socket is the relay's business; this one is ours",
                        accepted.isConnected());
                Frame got = b.read();
                assertEquals("SEND", got.method());
                assertEquals(bUri, got.header("To-Path"));
                assertEquals(aa.usePath + " " + a.uri, got.header("From-Path"));
                assertArrayEquals(body, got.body);
                b.sendRaw("MSRP " + got.tid + " 200 OK\r\nTo-Path: " + aa.usePath + "\r\nFrom-Path: " + bUri + "\r\n-------" + got.tid + "$\r\n");
                String t2 = MsrpTestClient.tid();
                byte[] back = "and back".getBytes(StandardCharsets.UTF_8);
                b.sendRaw(MsrpTestClient.request(t2, "SEND", aa.usePath + " " + a.uri, bUri,
                        sendHeaders("pe2abc", 1, back.length, back.length), back, '$'));
                assertEquals(200, b.read().status());
                Frame atA = a.read();
                assertEquals("SEND", atA.method());
                assertEquals(aa.usePath + " " + bUri, atA.header("From-Path"));
                assertArrayEquals(back, atA.body);
            }
        }
    }

    @Test
    public void relayDialsAnMsrpsEndpointOverTls() throws Exception {
        org.osgi.framework.ServiceReference<org.msrprelay.tls.TlsContextProvider> ref =
                bundleContext.getServiceReference(org.msrprelay.tls.TlsContextProvider.class);
        await("TLS material", java.time.Duration.ofSeconds(30),
                () -> bundleContext.getServiceReference(org.msrprelay.tls.TlsContextProvider.class) != null);
        ref = bundleContext.getServiceReference(org.msrprelay.tls.TlsContextProvider.class);
        javax.net.ssl.SSLContext server = bundleContext.getService(ref).current().serverContext();
        try (javax.net.ssl.SSLServerSocket endpoint = (javax.net.ssl.SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getByName("127.0.0.1")); MsrpTestClient a = client()) {
            Auth aa = a.auth(relay(), "alice");
            String bUri = "msrps://127.0.0.1:" + endpoint.getLocalPort() + "/tlsendpoint;tcp";
            byte[] body = "over an msrps hop".getBytes(StandardCharsets.UTF_8);
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bUri, a.uri,
                    sendHeaders("tlsh1abc", 1, body.length, body.length), body, '$'));
            assertEquals(200, a.read().status());
            endpoint.setSoTimeout(10_000);
            try (Socket accepted = endpoint.accept(); MsrpTestClient b = MsrpTestClient.over(accepted)) {
                ((javax.net.ssl.SSLSocket) accepted).startHandshake();
                Frame got = b.read();
                assertEquals("SEND", got.method());
                assertEquals(bUri, got.header("To-Path"));
                assertArrayEquals(body, got.body);
            }
        }
    }

    @Test
    public void anAuthToASecondRelayIsForwardedAndItsAnswerComesBack() throws Exception {
        try (ServerSocket relay2 = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             MsrpTestClient a = client()) {
            Auth aa = a.auth(relay(), "alice");
            String r2 = "msrp://127.0.0.1:" + relay2.getLocalPort() + ";tcp";
            String t = MsrpTestClient.tid();
            a.sendRaw(MsrpTestClient.request(t, "AUTH", aa.usePath + " " + r2, a.uri, List.of(), null, '$'));
            relay2.setSoTimeout(10_000);
            try (Socket accepted = relay2.accept(); MsrpTestClient second = MsrpTestClient.over(accepted)) {
                Frame auth = second.read();
                assertEquals("AUTH", auth.method());
                assertEquals(r2, auth.header("To-Path"));
                assertEquals(aa.usePath + " " + a.uri, auth.header("From-Path"));
                second.sendRaw("MSRP " + auth.tid + " 401 Unauthorized\r\nTo-Path: " + aa.usePath + "\r\nFrom-Path: " + r2
                        + "\r\nWWW-Authenticate: Digest realm=\"second.example\", nonce=\"n1\", qop=\"auth\"\r\n-------" + auth.tid + "$\r\n");
                Frame challenge = a.read();
                assertEquals(401, challenge.status());
                assertEquals("the original transaction id comes back", t, challenge.tid);
                assertEquals(a.uri, challenge.header("To-Path"));
                assertEquals(aa.usePath + " " + r2, challenge.header("From-Path"));
                // the session binds later, through the second relay's session
                String b = "msrp://127.0.0.1:" + relay2.getLocalPort() + "/s2session;tcp msrp://b.invalid:9/bb;tcp";
                a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + b, a.uri,
                        sendHeaders("viar2abc", 1, 2, 2), "hi".getBytes(StandardCharsets.US_ASCII), '$'));
                assertEquals(200, a.read().status());
                Frame send = second.read();
                assertEquals("SEND", send.method());
                assertEquals(b, send.header("To-Path"));
            }
        }
    }

    @Test
    public void a64MiBBinaryMessageWithFakeEndLinesArrivesByteExact() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            long total = 64L << 20;
            String t = MsrpTestClient.tid();
            String full = new String(MsrpTestClient.request(t, "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    sendHeaders("big1abcd", 1, total, total), null, '$'), StandardCharsets.US_ASCII);
            String head = full.substring(0, full.lastIndexOf("-------")) + "\r\n";
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = a.socket().getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    Random r = new Random(42);
                    byte[] chunk = new byte[65536];
                    for (long done = 0; done < total; done += chunk.length) {
                        r.nextBytes(chunk);
                        byte[] fake = ("\r\n-------" + MsrpTestClient.tid() + "$\r\n").getBytes(StandardCharsets.US_ASCII);
                        System.arraycopy(fake, 0, chunk, r.nextInt(chunk.length - fake.length), fake.length);
                        sent.update(chunk);
                        out.write(chunk);
                    }
                    out.write(("\r\n-------" + t + "$\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            long[] count = {0};
            Frame f;
            do {
                f = b.read(bytes -> {
                    got.update(bytes);
                    count[0] += bytes.length;
                });
                assertEquals("SEND", f.method());
            } while (f.flag == '+');
            writer.join(60_000);
            assertEquals('$', f.flag);
            assertEquals(total, count[0]);
            assertArrayEquals(sent.digest(), got.digest());
            assertEquals(200, a.read().status());
        }
    }

    @Test
    public void aChunkInterruptedByAResponseContinuesWithAMovedByteRange() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            String t = MsrpTestClient.tid();
            byte[] first = "first half-".getBytes(StandardCharsets.US_ASCII);
            byte[] second = "second half".getBytes(StandardCharsets.US_ASCII);
            int total = first.length + second.length;
            String head = new String(MsrpTestClient.request(t, "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    sendHeaders("int1abcd", 1, total, total), null, '$'), StandardCharsets.US_ASCII);
            a.sendRaw(head.substring(0, head.lastIndexOf("-------")) + "\r\n" + new String(first, StandardCharsets.US_ASCII));
            // B now sends its own SEND: the relay's 200 to B must interrupt the chunk streaming to B
            String tb = MsrpTestClient.tid();
            b.timeout(2000);
            Thread.sleep(300);
            b.sendRaw(MsrpTestClient.request(tb, "SEND", bb.usePath + " " + aa.usePath + " " + a.uri, b.uri,
                    sendHeaders("int2abcd", 1, 2, 2), "hi".getBytes(StandardCharsets.US_ASCII), '$'));
            Frame piece1 = b.read();
            assertEquals("SEND", piece1.method());
            assertEquals('+', piece1.flag);
            assertArrayEquals(first, piece1.body);
            Frame ok = b.read();
            assertEquals(200, ok.status());
            assertEquals(tb, ok.tid);
            a.sendRaw(new String(second, StandardCharsets.US_ASCII) + "\r\n-------" + t + "$\r\n");
            b.timeout(10_000);
            Frame piece2 = b.read();
            assertEquals("SEND", piece2.method());
            assertEquals((first.length + 1) + "-" + total + "/" + total, piece2.header("Byte-Range"));
            assertEquals("int1abcd", piece2.header("Message-ID"));
            assertArrayEquals(second, piece2.body);
            assertEquals('$', piece2.flag);
        }
    }

    @Test
    public void aSenderThatDisconnectsMidChunkAbortsTheChunkAndTheOtherSideIsClosed() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            String t = MsrpTestClient.tid();
            String head = new String(MsrpTestClient.request(t, "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    sendHeaders("cut1abcd", 1, 1000, 1000), null, '$'), StandardCharsets.US_ASCII);
            a.sendRaw(head.substring(0, head.lastIndexOf("-------")) + "\r\nonly part of it");
            Thread.sleep(300);
            a.close();
            Frame f = b.read();
            assertEquals("SEND", f.method());
            assertEquals('#', f.flag);
            assertEquals("only part of it", new String(f.body, StandardCharsets.US_ASCII));
            assertTrue("B's connection closes once A's side is gone", b.closedByPeer());
        }
    }

    @Test
    public void sendWithoutMessageIdOrByteRangeGets400() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            String to = aa.usePath + " " + bb.usePath + " " + b.uri;
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", to, a.uri, List.of("Byte-Range: 1-1/1"),
                    "x".getBytes(StandardCharsets.US_ASCII), '$'));
            assertEquals(400, a.read().status());
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", to, a.uri, List.of("Message-ID: nobr1234"),
                    "x".getBytes(StandardCharsets.US_ASCII), '$'));
            assertEquals(400, a.read().status());
        }
    }

    @Test
    public void pathsThatDoNotMatchTheSessionGet481() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            byte[] x = "x".getBytes(StandardCharsets.US_ASCII);
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath, a.uri, sendHeaders("only1abc", 1, 1, 1), x, '$'));
            assertEquals("nowhere to relay to", 481, a.read().status());
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bb.usePath + " " + b.uri,
                    "msrp://someone.invalid:1/else;tcp", sendHeaders("from1abc", 1, 1, 1), x, '$'));
            assertEquals("From-Path not the authenticated one", 481, a.read().status());
            String wrongSession = aa.usePath.replaceAll("/[^/;]+;tcp$", "/notmysession;tcp");
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", wrongSession + " " + b.uri, a.uri, sendHeaders("wrong1ab", 1, 1, 1), x, '$'));
            assertEquals("unknown session id", 481, a.read().status());
        }
    }

    @Test
    public void knowingASessionIdIsNotEnoughToBindOrUseIt() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client(); MsrpTestClient thief = client()) {
            Auth aa = a.auth(relay(), "alice");
            Auth bb = b.auth(relay(), "bob");
            byte[] x = "x".getBytes(StandardCharsets.US_ASCII);
            thief.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " msrp://evil.invalid:1/x;tcp",
                    thief.uri, sendHeaders("steal1ab", 1, 1, 1), x, '$'));
            assertEquals(481, thief.read().status());
            thief.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bb.usePath + " " + b.uri,
                    a.uri, sendHeaders("steal2ab", 1, 1, 1), x, '$'));
            assertEquals("the owner's From-Path on another connection", 506, thief.read().status());
            // the session still binds for its real client
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    sendHeaders("legit1ab", 1, 1, 1), x, '$'));
            assertEquals(200, a.read().status());
            assertEquals("SEND", b.read().method());
        }
    }
}
