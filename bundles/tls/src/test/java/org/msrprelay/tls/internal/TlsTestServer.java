package org.msrprelay.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection TLS server on 127.0.0.1 and an ephemeral port: it completes the handshake,
 * reports the session, then reads until the client closes.
 */
final class TlsTestServer implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 20_000;
    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How the server asks for a client certificate. */
    enum ClientAuth { NONE, WANT, NEED }

    private final SSLServerSocket server;
    private final CompletableFuture<SSLSession> handshake = new CompletableFuture<>();
    private final Thread thread;
    private volatile SSLSocket accepted;

    TlsTestServer(SSLContext context, String[] protocols, String[] suites, ClientAuth clientAuth) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4, LOOPBACK);
        server.setSoTimeout(TIMEOUT_MILLIS);
        server.setEnabledProtocols(protocols);
        server.setEnabledCipherSuites(suites);
        server.setWantClientAuth(clientAuth == ClientAuth.WANT);
        if (clientAuth == ClientAuth.NEED) {
            server.setNeedClientAuth(true);
        }
        thread = new Thread(this::serveOne, "tls-test-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The server side of the handshake, or the exception that ended it. */
    SSLSession awaitHandshake() throws InterruptedException, ExecutionException, TimeoutException {
        return handshake.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void serveOne() {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            accepted = socket;
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            handshake.complete(socket.getSession());
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain until the client closes, so it can finish its side cleanly
            }
        } catch (IOException | RuntimeException e) {
            handshake.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        SSLSocket socket = accepted;
        if (socket != null) {
            socket.close();
        }
        try {
            thread.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
