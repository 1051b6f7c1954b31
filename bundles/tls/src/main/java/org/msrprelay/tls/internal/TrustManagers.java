package org.msrprelay.tls.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust decisions for the relay's contexts. Outbound connections either accept any next hop
 * ({@code verify_peer=false}, as the seed does) or verify chain and host name.
 */
final class TrustManagers {

    private TrustManagers() {
    }

    /**
     * The trust managers of the client context.
     *
     * @throws TlsConfigException if the trust store cannot be read
     */
    static TrustManager[] forClient(TlsSettings settings) throws TlsConfigException {
        if (!settings.verifyPeer()) {
            return new TrustManager[] {new AnyCertificate()};
        }
        return new TrustManager[] {new HostnameChecking(pkix(settings))};
    }

    /**
     * The trust managers of the server context: only used if the listener asks for client
     * certificates. {@code null} selects the JDK default.
     *
     * @throws TlsConfigException if the trust store cannot be read
     */
    static TrustManager[] forServer(TlsSettings settings) throws TlsConfigException {
        return settings.verifyPeer() ? new TrustManager[] {pkix(settings)} : null;
    }

    private static X509ExtendedTrustManager pkix(TlsSettings settings) throws TlsConfigException {
        try {
            KeyStore anchors = null;
            if (settings.trustStore() != null) {
                List<X509Certificate> cas = PemFiles.readCertificates(settings.trustStore(), "trust_store");
                anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                for (int i = 0; i < cas.size(); i++) {
                    anchors.setCertificateEntry("ca-" + i, cas.get(i));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new TlsConfigException("the JDK's PKIX TrustManagerFactory returned no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsConfigException("cannot build trust from trust_store " + settings.trustStore() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Accepts every certificate. Extending {@link X509ExtendedTrustManager} keeps the JDK from
     * wrapping it with checks of its own.
     */
    static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

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
    }

    /**
     * PKIX chain validation plus a host-name check. The JDK checks the host itself when the
     * engine has an endpoint identification algorithm; otherwise this class checks the
     * certificate against the peer host the engine was created with (RFC 6125 rules: a
     * wildcard covers one label), and fails when there is none.
     */
    static final class HostnameChecking extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        HostnameChecking(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            if (engine == null || engine.getSSLParameters().getEndpointIdentificationAlgorithm() == null) {
                checkHost(chain[0], engine == null ? null : engine.getPeerHost());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            if (!(socket instanceof SSLSocket ssl)) {
                checkHost(chain[0], null);
                return;
            }
            if (ssl.getSSLParameters().getEndpointIdentificationAlgorithm() == null) {
                SSLSession session = ssl.getHandshakeSession();
                checkHost(chain[0], session == null ? null : session.getPeerHost());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            checkHost(chain[0], null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        private static void checkHost(X509Certificate leaf, String host) throws CertificateException {
            if (host == null || host.isBlank()) {
                throw new CertificateException("verify_peer is on but the connection has no peer host name to check"
                        + " the certificate against; create the SSLEngine with the next hop's host");
            }
            HostNames.SubjectAltNames names = HostNames.subjectAltNames(leaf);
            if (!HostNames.covers(names, host, false)) {
                throw new CertificateException("certificate of next hop " + host + " does not cover it; its names: "
                        + names.dnsNames() + " " + names.ipAddresses());
            }
        }
    }
}
