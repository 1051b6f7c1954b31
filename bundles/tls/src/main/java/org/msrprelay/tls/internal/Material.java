package org.msrprelay.tls.internal;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.msrprelay.tls.TlsMaterial;

/** One immutable snapshot of TLS material; see {@link TlsMaterial}. */
final class Material implements TlsMaterial {

    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final List<X509Certificate> chain;
    private final HostNames.SubjectAltNames names;
    private final long generation;

    Material(SSLContext serverContext, SSLContext clientContext, List<String> protocols, List<String> cipherSuites,
            List<X509Certificate> chain, HostNames.SubjectAltNames names, long generation) {
        this.serverContext = Objects.requireNonNull(serverContext);
        this.clientContext = Objects.requireNonNull(clientContext);
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
        this.chain = List.copyOf(chain);
        this.names = Objects.requireNonNull(names);
        this.generation = generation;
    }

    @Override
    public SSLContext serverContext() {
        return serverContext;
    }

    @Override
    public SSLContext clientContext() {
        return clientContext;
    }

    @Override
    public String[] enabledProtocols() {
        return protocols.toArray(String[]::new);
    }

    @Override
    public String[] enabledCipherSuites() {
        return cipherSuites.toArray(String[]::new);
    }

    @Override
    public List<String> dnsNames() {
        return names.dnsNames();
    }

    /** The IP subjectAltNames of the leaf, in certificate order. */
    List<InetAddress> ipAddresses() {
        return names.ipAddresses();
    }

    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The whole configured chain, leaf first. */
    List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public boolean coversHostname(String hostname) {
        return HostNames.covers(names, hostname, true);
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public String toString() {
        return "generation=" + generation + " subject=\"" + certificate().getSubjectX500Principal().getName()
                + "\" dnsNames=" + names.dnsNames() + " ipAddresses=" + ipAddresses().stream()
                        .map(InetAddress::getHostAddress).toList()
                + " notAfter=" + certificate().getNotAfter().toInstant() + " chainLength=" + chain.size()
                + " protocols=" + protocols;
    }
}
