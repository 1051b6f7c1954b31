package org.msrprelay.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.itests.MsrpTestClient.Auth;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.msrprelay.tls.TlsContextProvider;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The relay's TLS listener in the assembly, started without certificate files: the generated
 * self-signed certificate as JDK and OpenSSL clients see it, MSRP over TLS, and certificate files
 * swapped or broken while the relay runs. Each test puts the original files back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TlsListenerIT extends KarafTestSupport {
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(30);
    private static final long PROCESS_WAIT_SECONDS = 30;
    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    @Inject
    protected TlsContextProvider tls;

    @Configuration
    public Option[] config() {
        // A later put of the same key in the same file wins over baseOptions' debug_notls=true.
        return baseOptions(
                editConfigurationFilePut("etc/org.msrprelay.relay.cfg", "debug_notls", "false"),
                editConfigurationFilePut("etc/org.msrprelay.tls.cfg", "reload_interval_seconds", "1"));
    }

    @Before
    public void relayServesTls() throws Exception {
        await("a TLS handshake with the relay", Duration.ofSeconds(60), () -> servedQuietly() != null);
    }

    @Test
    public void withoutCertificateFilesTheRelayGeneratesASelfSignedOneAndServesItOverTls13() throws Exception {
        assertTrue("the bootstrap was logged at first start", karafLog().contains("TLS bootstrap: neither"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyFile()));
        X509Certificate onDisk = certificate(Files.readString(certFile()));
        try (SSLSocket s = handshake()) {
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            X509Certificate served = peer(s);
            assertEquals(onDisk, served);
            assertEquals("self-signed", served.getSubjectX500Principal(), served.getIssuerX500Principal());
            assertTrue(sans(served, 2).toString(), sans(served, 2).contains("localhost"));
            assertTrue("the configured hostname 127.0.0.1 is an IP subjectAltName", sans(served, 7).contains("127.0.0.1"));
        }
    }

    @Test
    public void opensslSClientCompletesTheHandshakeAndSeesTheSubjectAltNames() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("karaf.data")), "openssl");
        String out = openssl(dir.resolve("s_client.txt"), "s_client", "-connect", "127.0.0.1:" + relayPort(),
                "-servername", "localhost", "-showcerts");
        assertTrue(out, out.contains("New, TLSv1.3, Cipher is "));
        String pem = out.substring(out.indexOf("-----BEGIN CERTIFICATE-----"),
                out.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length()) + "\n";
        assertEquals(certificate(Files.readString(certFile())), certificate(pem));
        Path served = Files.writeString(dir.resolve("served.crt"), pem);
        String san = openssl(dir.resolve("x509.txt"), "x509", "-in", served.toString(), "-noout", "-ext", "subjectAltName");
        assertTrue(san, san.contains("DNS:localhost"));
        assertTrue(san, san.contains("IP Address:127.0.0.1"));
    }

    @Test
    public void twoTlsClientsAuthenticateAndRelayASendWithMsrpsUsePaths() throws Exception {
        try (TlsPair p = new TlsPair()) {
            assertTrue(p.aa.usePath, p.aa.usePath.matches("msrps://127\\.0\\.0\\.1:" + relayPort() + "/[^;]+;tcp"));
            assertTrue(p.bb.usePath, p.bb.usePath.startsWith("msrps://"));
            p.exchange("over TLS");
        }
    }

    @Test
    public void aReplacedCertificateReachesNewConnectionsWhileAnOpenConnectionKeepsWorking() throws Exception {
        byte[] originalCert = Files.readAllBytes(certFile());
        byte[] originalKey = Files.readAllBytes(keyFile());
        X509Certificate original = certificate(new String(originalCert, StandardCharsets.US_ASCII));
        try (TlsPair open = new TlsPair()) {
            open.exchange("before the swap");
            Path next = Files.createTempDirectory(Path.of(System.getProperty("karaf.data")), "next-cert");
            openssl(next.resolve("req.txt"), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-days", "2", "-subj", "/CN=relay2.example.test",
                    "-addext", "subjectAltName=DNS:relay2.example.test,DNS:localhost,IP:127.0.0.1",
                    "-keyout", next.resolve("k.pem").toString(), "-out", next.resolve("c.pem").toString());
            X509Certificate replacement = certificate(Files.readString(next.resolve("c.pem")));
            Files.move(next.resolve("k.pem"), keyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(next.resolve("c.pem"), certFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await("new connections see the new certificate", RELOAD_WAIT, () -> replacement.equals(servedQuietly()));
            assertTrue(sans(replacement, 2).contains("relay2.example.test"));
            open.exchange("after the swap, on connections opened before it");
            assertEquals("the open session keeps its certificate", original, peer(open.sa));
            try (TlsPair fresh = new TlsPair()) {
                assertEquals(replacement, peer(fresh.sa));
                fresh.exchange("new connections relay with the new certificate");
            }
        } finally {
            restore(originalCert, originalKey);
            await("the original certificate back", RELOAD_WAIT, () -> original.equals(tls.current().certificate()));
        }
    }

    @Test
    public void aBrokenCertificateFileKeepsTheCurrentCertificate() throws Exception {
        byte[] originalCert = Files.readAllBytes(certFile());
        byte[] originalKey = Files.readAllBytes(keyFile());
        X509Certificate current = tls.current().certificate();
        long generation = tls.current().generation();
        int failuresBefore = count(karafLog(), "TLS material not reloaded");
        try {
            byte[] halfWritten = new byte[originalCert.length / 2];
            System.arraycopy(originalCert, 0, halfWritten, 0, halfWritten.length);
            replace(certFile(), halfWritten);
            await("the failed reload logged", RELOAD_WAIT,
                    () -> count(karafLogQuietly(), "TLS material not reloaded") > failuresBefore);
            assertEquals(generation, tls.current().generation());
            assertEquals("new connections still get the current certificate", current, servedQuietly());
            try (TlsPair p = new TlsPair()) {
                p.exchange("still served with the previous material");
            }
        } finally {
            restore(originalCert, originalKey);
            await("the repaired file reloaded", RELOAD_WAIT, () -> tls.current().generation() > generation);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Two TLS clients, alice and bob, authenticated at the relay. */
    private static final class TlsPair implements AutoCloseable {
        final SSLSocket sa;
        final MsrpTestClient a;
        final MsrpTestClient b;
        final Auth aa;
        final Auth bb;

        TlsPair() throws IOException {
            sa = handshake();
            a = MsrpTestClient.over(sa);
            b = MsrpTestClient.over(handshake());
            String relay = "msrps://127.0.0.1:" + relayPort() + ";tcp";
            aa = a.auth(relay, "alice");
            bb = b.auth(relay, "bob");
        }

        /** A sends one SEND to B; asserts the relay's 200, B's copy and its From-Path. */
        void exchange(String text) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    List.of("Message-ID: " + MsrpTestClient.tid(), "Byte-Range: 1-" + body.length + "/" + body.length,
                            "Content-Type: text/plain"), body, '$'));
            assertEquals(200, a.read().status());
            Frame got = b.read();
            assertArrayEquals(body, got.body);
            assertEquals(bb.usePath + " " + aa.usePath + " " + a.uri, got.header("From-Path"));
            b.sendRaw("MSRP " + got.tid + " 200 OK\r\nTo-Path: " + bb.usePath + "\r\nFrom-Path: " + b.uri + "\r\n-------"
                    + got.tid + "$\r\n");
        }

        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }

    /** A completed TLS handshake with the relay, trusting any certificate, with SNI localhost. */
    private static SSLSocket handshake() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {TRUST_ALL}, null);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", relayPort());
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName("localhost")));
            s.setSSLParameters(params);
            s.setSoTimeout(10_000);
            try {
                s.startHandshake();
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return s;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static X509Certificate peer(SSLSocket s) throws IOException {
        return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }

    /** The certificate a new connection is served, or {@code null} when the handshake fails. */
    private static X509Certificate servedQuietly() {
        try (SSLSocket s = handshake()) {
            return peer(s);
        } catch (IOException e) {
            return null;
        }
    }

    private static X509Certificate certificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The subjectAltNames of one type (2: DNS, 7: IP address). */
    private static List<String> sans(X509Certificate c, int type) throws CertificateException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> all = c.getSubjectAlternativeNames();
        if (all != null) {
            for (List<?> name : all) {
                if ((Integer) name.get(0) == type) {
                    names.add((String) name.get(1));
                }
            }
        }
        return names;
    }

    /** Runs openssl with stdin from /dev/null, output to {@code output}; fails unless it exits 0 in time. */
    private static String openssl(Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            assertTrue("openssl " + args[0] + " finished in time", p.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS));
            String out = Files.readString(output);
            assertEquals(out, 0, p.exitValue());
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path certFile() {
        return Path.of(System.getProperty("karaf.etc"), "tls", "msrprelay.crt");
    }

    private static Path keyFile() {
        return Path.of(System.getProperty("karaf.etc"), "tls", "msrprelay.key");
    }

    /** Puts the original files back, each replaced in one step so the reload never reads half a file. */
    private static void restore(byte[] cert, byte[] key) throws IOException {
        replace(keyFile(), key);
        replace(certFile(), cert);
    }

    /** Replaces the file's content in one rename, keeping its permissions. */
    private static void replace(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "replace", ".tmp",
                PosixFilePermissions.asFileAttribute(Files.getPosixFilePermissions(file)));
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String karafLog() throws IOException {
        return Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
    }

    private static String karafLogQuietly() {
        try {
            return karafLog();
        } catch (IOException e) {
            return "";
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
