package org.msrprelay.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An immutable snapshot of the relay's TLS material: one certificate chain and key, the
 * contexts built from them, and the protocol and cipher-suite policy to apply to every
 * {@link javax.net.ssl.SSLEngine} created from those contexts.
 *
 * <p>The contexts do not restrict protocols or suites by themselves: set
 * {@link #enabledProtocols()} and {@link #enabledCipherSuites()} on each engine (MINA's
 * {@code SslFilter} has setters for both).
 */
@ProviderType
public interface TlsMaterial {

    /**
     * The context for the relay's listener.
     *
     * @return the server-side context, holding the relay's certificate chain and key
     */
    SSLContext serverContext();

    /**
     * The context for outbound {@code msrps://} connections to the next hop (RFC 4976
     * section 6.2: the relay connects to the next URI in To-Path).
     *
     * <p>Whether the next hop's certificate is verified, and whether the relay presents its
     * own certificate, follows the configuration ({@code verify_peer},
     * {@code client_certificate}). When verification is on and the engine has no endpoint
     * identification algorithm set, the context checks the peer's certificate against the
     * host given to {@link SSLContext#createSSLEngine(String, int)}; an engine created without
     * a peer host then fails the handshake.
     *
     * @return the client-side context
     */
    SSLContext clientContext();

    /**
     * The protocols to enable on every engine.
     *
     * @return a fresh array holding only {@code TLSv1.3} and/or {@code TLSv1.2}
     */
    String[] enabledProtocols();

    /**
     * The cipher suites to enable on every engine.
     *
     * @return a fresh array of strong (forward-secret AEAD) suites, each supported by
     *         {@link #serverContext()} and {@link #clientContext()}
     */
    String[] enabledCipherSuites();

    /**
     * The DNS subjectAltNames of the leaf certificate. When the relay's {@code hostname} is
     * not configured, the first one names the relay.
     *
     * @return the names in certificate order, possibly empty; never {@code null}
     */
    List<String> dnsNames();

    /**
     * The leaf certificate: the first certificate of the configured chain.
     *
     * @return the relay's certificate
     */
    X509Certificate certificate();

    /**
     * Tells whether the certificate covers a host name, as RFC 4975 section 14.2 requires of
     * the host in the relay's URI. A DNS subjectAltName matches case-insensitively; a
     * wildcard {@code *.example.com} matches any name that ends in {@code .example.com}, one
     * or more labels deep. An IP literal (IPv4, or IPv6 with or without brackets) matches an
     * IP subjectAltName. The subject's common name is never used.
     *
     * @param hostname a DNS name or IP literal; {@code null} or empty never matches
     * @return whether a subjectAltName of {@link #certificate()} covers it
     */
    boolean coversHostname(String hostname);

    /**
     * The number of this snapshot: the first material is 1 and every successful reload adds
     * one, so two snapshots with the same generation are the same material.
     *
     * @return the generation
     */
    long generation();
}
