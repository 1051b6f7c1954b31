package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handshakes between two in-memory {@link SSLEngine}s, the way MINA's SslFilter drives them:
 * the host check of a verifying client context depends on the host the engine was created with.
 */
class EngineHandshakeTest {

    private static final int MAX_STEPS = 1_000;

    @TempDir
    Path etc;

    private Material relay;
    private Material verifying;

    @BeforeEach
    void materials() throws Exception {
        MaterialManager manager = new MaterialManager(MaterialFactory::load, () -> "relay.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        relay = manager.current();
        Path ca = TestPki.write(etc.resolve("ca.pem"), TestPki.certificatesPem(relay.certificate()));
        verifying = MaterialFactory.load(TestConfig.defaults().withVerification(true, ca.toString()).settings(etc), 2);
    }

    @Test
    void verifyingClientAcceptsTheNextHopItsEngineNames() throws Exception {
        SSLEngine client = client(verifying.clientContext().createSSLEngine("relay.example.com", 2855));

        handshake(client, server());

        assertEquals("TLSv1.3", client.getSession().getProtocol());
    }

    @Test
    void verifyingClientRejectsANextHopTheCertificateDoesNotCover() {
        SSLEngine client = client(verifying.clientContext().createSSLEngine("other.example.com", 2855));

        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> handshake(client, server()));
        assertTrue(String.valueOf(e.getMessage()).contains("does not cover"), e.toString());
    }

    @Test
    void verifyingClientFailsWithoutAPeerHost() {
        SSLEngine client = client(verifying.clientContext().createSSLEngine());

        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> handshake(client, server()));
        assertTrue(String.valueOf(e.getMessage()).contains("no peer host name"), e.toString());
    }

    @Test
    void nonVerifyingClientAcceptsAnyHost() throws Exception {
        SSLEngine client = client(relay.clientContext().createSSLEngine());

        handshake(client, server());

        assertEquals("TLSv1.3", client.getSession().getProtocol());
    }

    private SSLEngine server() {
        SSLEngine engine = relay.serverContext().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(relay.enabledProtocols());
        engine.setEnabledCipherSuites(relay.enabledCipherSuites());
        return engine;
    }

    private SSLEngine client(SSLEngine engine) {
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(relay.enabledProtocols());
        engine.setEnabledCipherSuites(relay.enabledCipherSuites());
        return engine;
    }

    /** Moves records between the engines until both finish, in a bounded number of steps. */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        ByteBuffer toClient = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        ByteBuffer clientApp = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
        ByteBuffer serverApp = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < MAX_STEPS && !(finished(client) && finished(server)); i++) {
            step(client, toClient, toServer, clientApp);
            step(server, toServer, toClient, serverApp);
        }
        assertTrue(finished(client) && finished(server), "handshake finished within " + MAX_STEPS + " steps");
    }

    private static boolean finished(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                engine.unwrap(in, app);
                in.compact();
            }
            case NEED_TASK -> {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
            }
            default -> {
                // NOT_HANDSHAKING or FINISHED: nothing to move for this engine
            }
        }
    }
}
