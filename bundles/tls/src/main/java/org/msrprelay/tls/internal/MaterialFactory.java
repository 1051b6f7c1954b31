package org.msrprelay.tls.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link Material} from settings: reads the PEM files, checks that key and certificate
 * belong together, and builds SunJSSE contexts around an in-memory key store.
 */
final class MaterialFactory {

    /** Loads material; the seam lets tests count or fail loads. */
    interface Loader {
        Material load(TlsSettings settings, long generation) throws TlsConfigException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MaterialFactory.class);
    private static final String ALIAS = "msrprelay";

    private MaterialFactory() {
    }

    /**
     * Loads the configured certificate chain and key and builds the contexts.
     *
     * @param settings the settings
     * @param generation the generation of the new material
     * @return the material
     * @throws TlsConfigException naming the file or setting at fault
     */
    static Material load(TlsSettings settings, long generation) throws TlsConfigException {
        List<X509Certificate> chain = PemFiles.readCertificates(settings.certificate(), "certificate");
        char[] password = settings.keyPasswordChars();
        PrivateKey key;
        try {
            key = PemFiles.readPrivateKey(settings.key(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        requireMatch(key, chain.get(0), settings);
        warnIfNotValidNow(chain.get(0), settings);
        try {
            KeyManager[] keyManagers = keyManagers(key, chain);
            SSLContext server = context(keyManagers, TrustManagers.forServer(settings));
            SSLContext client = context(settings.clientCertificate() ? keyManagers : new KeyManager[0],
                    TrustManagers.forClient(settings));
            List<String> suites = CipherSuites.select(server, settings.cipherSuites(), settings.protocols());
            HostNames.SubjectAltNames names = HostNames.subjectAltNames(chain.get(0));
            if (names.dnsNames().isEmpty()) {
                LOG.warn("TLS certificate has no DNS subjectAltName: certificate={}; the relay then needs its"
                        + " hostname set to an IP address the certificate names", settings.certificate());
            }
            return new Material(server, client, settings.protocols(), suites, chain, names, generation);
        } catch (CertificateParsingException e) {
            throw new TlsConfigException("certificate file " + settings.certificate()
                    + " has a malformed subjectAltName: " + e.getMessage(), e);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("cannot build a TLS context from " + settings.certificate() + " and "
                    + settings.key() + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException, IOException {
        // The store never leaves memory; the password only satisfies the KeyStore API.
        char[] storePassword = new BigInteger(130, new SecureRandom()).toString(32).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, storePassword, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, storePassword);
        return factory.getKeyManagers();
    }

    private static SSLContext context(KeyManager[] keyManagers, TrustManager[] trustManagers)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    /**
     * Proves that the key belongs to the certificate: RSA by modulus, EC and EdDSA by signing a
     * random challenge and verifying it with the certificate's public key. Key types are
     * compared by interface, not by algorithm name, which differs between providers.
     */
    static void requireMatch(PrivateKey key, X509Certificate leaf, TlsSettings settings) throws TlsConfigException {
        PublicKey publicKey = leaf.getPublicKey();
        boolean matches;
        if (key instanceof RSAKey rsaKey) {
            matches = publicKey instanceof RSAKey rsaPublic && rsaKey.getModulus().equals(rsaPublic.getModulus());
        } else if (key instanceof ECKey) {
            matches = publicKey instanceof ECKey && signatureVerifies("SHA256withECDSA", key, publicKey, settings);
        } else if (key instanceof EdECKey) {
            matches = publicKey instanceof EdECKey && signatureVerifies("EdDSA", key, publicKey, settings);
        } else {
            throw new TlsConfigException("key file " + settings.key() + " holds a " + key.getAlgorithm()
                    + " key; only RSA, EC and EdDSA keys are supported");
        }
        if (!matches) {
            throw new TlsConfigException("the private key in " + settings.key()
                    + " does not belong to the certificate in " + settings.certificate() + " (subject \""
                    + leaf.getSubjectX500Principal().getName() + "\")");
        }
    }

    private static boolean signatureVerifies(String algorithm, PrivateKey key, PublicKey publicKey,
            TlsSettings settings) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A key on another curve than the certificate's fails here rather than verifying false.
            LOG.debug("TLS key check: {} signature with key={} certificate={} failed", algorithm, settings.key(),
                    settings.certificate(), e);
            return false;
        }
    }

    private static void warnIfNotValidNow(X509Certificate leaf, TlsSettings settings) {
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            LOG.warn("TLS certificate expired: certificate={} subject=\"{}\" notAfter={}; serving it anyway,"
                    + " clients that verify it will refuse to connect", settings.certificate(),
                    leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            LOG.warn("TLS certificate not yet valid: certificate={} subject=\"{}\" notBefore={}; serving it anyway,"
                    + " clients that verify it will refuse to connect", settings.certificate(),
                    leaf.getSubjectX500Principal().getName(), leaf.getNotBefore().toInstant());
        }
    }
}
