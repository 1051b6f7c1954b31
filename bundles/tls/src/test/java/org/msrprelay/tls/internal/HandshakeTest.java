package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msrprelay.tls.internal.TlsTestServer.ClientAuth;

/** Real handshakes over loopback sockets, the JDK on both ends. */
class HandshakeTest {

    @TempDir
    Path etc;

    private Material material;

    @BeforeEach
    void bootstrap() throws Exception {
        MaterialManager manager = new MaterialManager(MaterialFactory::load, () -> "relay.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        material = manager.current();
    }

    @Test
    void jdkClientCompletesTls13AndSeesTheSubjectAltName() throws Exception {
        try (TlsTestServer server = server(material, ClientAuth.NONE);
                SSLSocket client = connect(TestPki.trusting(material.certificate()), server.port(), "localhost",
                        "TLSv1.3", true)) {
            SSLSession session = client.getSession();

            assertEquals("TLSv1.3", session.getProtocol());
            X509Certificate peer = (X509Certificate) session.getPeerCertificates()[0];
            assertEquals(material.certificate(), peer);
            assertTrue(HostNames.subjectAltNames(peer).dnsNames().contains("localhost"));
            assertEquals("TLSv1.3", server.awaitHandshake().getProtocol());
        }
    }

    @Test
    void tls12OnlyClientConnects() throws Exception {
        try (TlsTestServer server = server(material, ClientAuth.NONE);
                SSLSocket client = connect(TestPki.trusting(material.certificate()), server.port(), "localhost",
                        "TLSv1.2", true)) {
            assertEquals("TLSv1.2", client.getSession().getProtocol());
            assertTrue(CipherSuites.isStrong(client.getSession().getCipherSuite()));
        }
    }

    @Test
    void tls11ClientHelloIsRefusedWithAProtocolVersionAlert() throws Exception {
        try (TlsTestServer server = server(material, ClientAuth.NONE);
                Socket client = new Socket(TlsTestServer.LOOPBACK, server.port())) {
            client.setSoTimeout(TlsTestServer.TIMEOUT_MILLIS);
            client.getOutputStream().write(tls11ClientHello());
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] header = new byte[5];
            in.readFully(header);
            byte[] alert = new byte[2];
            in.readFully(alert);

            assertEquals(21, header[0], "record type alert");
            assertEquals(2, alert[0], "fatal");
            assertEquals(70, alert[1], "protocol_version");
            ExecutionException e = assertThrows(ExecutionException.class, server::awaitHandshake);
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
        }
    }

    @Test
    void clientContextAcceptsAnyNextHopWhenNotVerifying() throws Exception {
        KeyPair stranger = TestPki.ec();
        Material other = materialFor(stranger, "stranger.example.org", null);
        try (TlsTestServer server = server(other, ClientAuth.NONE);
                SSLSocket client = connect(material.clientContext(), server.port(), "wrong.example.com", "TLSv1.3", false)) {
            assertEquals("TLSv1.3", client.getSession().getProtocol());
        }
    }

    @Test
    void clientContextVerifiesChainAndHostWhenConfigured() throws Exception {
        Path ca = TestPki.write(etc.resolve("peer-ca.pem"), TestPki.certificatesPem(material.certificate()));
        Material verifying = MaterialFactory.load(TestConfig.defaults().withVerification(true, ca.toString())
                .settings(etc), 2);

        try (TlsTestServer server = server(material, ClientAuth.NONE);
                SSLSocket client = connect(verifying.clientContext(), server.port(), "localhost", "TLSv1.3", false)) {
            assertEquals("TLSv1.3", client.getSession().getProtocol());
        }
        try (TlsTestServer server = server(material, ClientAuth.NONE)) {
            IOException e = assertThrows(IOException.class,
                    () -> connect(verifying.clientContext(), server.port(), "wrong.example.com", "TLSv1.3", false).close());
            assertTrue(String.valueOf(e.getMessage()).contains("does not cover"), e.toString());
        }
        Material stranger = materialFor(TestPki.ec(), "localhost", null);
        try (TlsTestServer server = server(stranger, ClientAuth.NONE)) {
            assertThrows(SSLHandshakeException.class,
                    () -> connect(verifying.clientContext(), server.port(), "localhost", "TLSv1.3", false).close());
        }
    }

    @Test
    void clientContextPresentsTheRelayCertificateOnlyWhenConfigured() throws Exception {
        Path ourCertificate = TestPki.write(etc.resolve("relay-as-ca.pem"), TestPki.certificatesPem(material.certificate()));
        SSLContext serverTrustingUs = materialFor(TestPki.ec(), "peer.example.net", ourCertificate.toString())
                .serverContext();
        try (TlsTestServer server = new TlsTestServer(serverTrustingUs, material.enabledProtocols(),
                material.enabledCipherSuites(), ClientAuth.NEED);
                SSLSocket client = connect(material.clientContext(), server.port(), "localhost", "TLSv1.3", false)) {
            client.getOutputStream().write(1);
            Certificate[] presented = server.awaitHandshake().getPeerCertificates();
            assertEquals(material.certificate(), presented[0]);
        }

        Material anonymous = MaterialFactory.load(TestConfig.defaults().withClientCertificate(false).settings(etc), 2);
        try (TlsTestServer server = new TlsTestServer(serverTrustingUs, material.enabledProtocols(),
                material.enabledCipherSuites(), ClientAuth.WANT);
                SSLSocket client = connect(anonymous.clientContext(), server.port(), "localhost", "TLSv1.3", false)) {
            client.getOutputStream().write(1);
            SSLSession session = server.awaitHandshake();
            assertThrows(SSLPeerUnverifiedException.class, session::getPeerCertificates);
        }
    }

    @Test
    void materialReportsOnlyModernProtocols() {
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, material.enabledProtocols());
    }

    /** Material for another party, optionally trusting the given PEM CA file for client certificates. */
    private Material materialFor(KeyPair pair, String name, String trustStore) throws Exception {
        Path dir = etc.resolve(name + "-" + System.nanoTime());
        TestPki.writePair(dir.resolve("c.pem"), dir.resolve("k.pem"), pair, name, List.of(name), List.of());
        TestConfig config = TestConfig.files("c.pem", "k.pem");
        return MaterialFactory.load((trustStore == null ? config : config.withVerification(true, trustStore))
                .settings(dir), 1);
    }

    private static TlsTestServer server(Material m, ClientAuth clientAuth) throws IOException {
        return new TlsTestServer(m.serverContext(), m.enabledProtocols(), m.enabledCipherSuites(), clientAuth);
    }

    /**
     * Connects to 127.0.0.1 while telling TLS the peer is {@code host} (SNI and host checks).
     * The JDK's own HTTPS host check is on only for the plain trusting client, so the relay's
     * contexts are tested with the host check they do themselves.
     */
    private static SSLSocket connect(SSLContext context, int port, String host, String protocol,
            boolean jdkHostCheck) throws IOException {
        Socket plain = new Socket(TlsTestServer.LOOPBACK, port);
        plain.setSoTimeout(TlsTestServer.TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        socket.setEnabledProtocols(new String[] {protocol});
        if (jdkHostCheck) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** A TLS 1.1 ClientHello: legacy version 3.2, no supported_versions extension. */
    private static byte[] tls11ClientHello() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {3, 2});
        body.write(new byte[32]);
        body.write(0);
        body.write(new byte[] {0, 6, (byte) 0xC0, 0x13, (byte) 0xC0, 0x09, 0x00, 0x2F});
        body.write(new byte[] {1, 0});
        byte[] extensions = {0x00, 0x0A, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, 0x00, 0x0B, 0x00, 0x02, 0x01, 0x00};
        body.write(extensions.length >> 8);
        body.write(extensions.length);
        body.write(extensions);
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(new byte[] {0x16, 3, 1});
        int handshakeLength = hello.length + 4;
        record.write(handshakeLength >> 8);
        record.write(handshakeLength);
        record.write(new byte[] {1, 0, (byte) (hello.length >> 8), (byte) hello.length});
        record.write(hello);
        return record.toByteArray();
    }
}
