package org.msrprelay.tls.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, certificates and PEM files for tests, all made with BouncyCastle. */
final class TestPki {

    /** The PEM encodings of a private key the provider must read. */
    enum KeyFormat {
        /** "RSA PRIVATE KEY" or, for EC, SEC1 "EC PRIVATE KEY". */
        TRADITIONAL,
        /** "PRIVATE KEY". */
        PKCS8,
        /** "ENCRYPTED PRIVATE KEY", PBES2 with AES-256-CBC. */
        ENCRYPTED_PKCS8,
        /** OpenSSL legacy "Proc-Type: 4,ENCRYPTED" on the traditional form. */
        LEGACY_ENCRYPTED
    }

    static final char[] PASSWORD = "s3cret-Pw".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed end-entity certificate valid from an hour ago for a year. */
    static X509Certificate selfSigned(KeyPair pair, String cn, List<String> dnsNames, List<String> ips) {
        Instant now = Instant.now();
        return certificate(pair, cn, pair, cn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)),
                dnsNames, ips, false);
    }

    /** A certificate for subject, signed by issuerPair under issuerCn. */
    static X509Certificate certificate(KeyPair subject, String cn, KeyPair issuerPair, String issuerCn,
            Instant notBefore, Instant notAfter, List<String> dnsNames, List<String> ips, boolean ca) {
        try {
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            ips.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + cn), subject.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            String algorithm = issuerPair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(algorithm).setProvider(Bc.PROVIDER).build(issuerPair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String certificatesPem(X509Certificate... chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate c : chain) {
                writer.writeObject(new JcaX509CertificateHolder(c));
            }
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static String keyPem(PrivateKey jdkKey, KeyFormat format, char[] password) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            PrivateKey key = format == KeyFormat.TRADITIONAL || format == KeyFormat.LEGACY_ENCRYPTED
                    ? withCurveInside(jdkKey) : jdkKey;
            switch (format) {
                case TRADITIONAL -> writer.writeObject(key);
                case PKCS8 -> writer.writeObject(new JcaPKCS8Generator(key, null));
                case ENCRYPTED_PKCS8 -> writer.writeObject(new JcaPKCS8Generator(key,
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(Bc.PROVIDER)
                                .setRandom(RANDOM).setPassword(password).build()));
                case LEGACY_ENCRYPTED -> writer.writeObject(key,
                        new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(Bc.PROVIDER).build(password));
                default -> throw new IllegalArgumentException(format.name());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /**
     * The JDK encodes an EC key's curve only in the PKCS#8 algorithm identifier, so its SEC1
     * form would lack the curve that RFC 5915 requires; BouncyCastle's key object keeps it in
     * both places, as OpenSSL writes SEC1.
     */
    private static PrivateKey withCurveInside(PrivateKey key) throws GeneralSecurityException {
        if (!key.getAlgorithm().equals("EC")) {
            return key;
        }
        return KeyFactory.getInstance("EC", Bc.PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a self-signed pair for the names into the two files. */
    static X509Certificate writePair(Path certificateFile, Path keyFile, KeyPair pair, String cn,
            List<String> dnsNames, List<String> ips) {
        X509Certificate certificate = selfSigned(pair, cn, dnsNames, ips);
        write(certificateFile, certificatesPem(certificate));
        write(keyFile, keyPem(pair.getPrivate(), KeyFormat.PKCS8, null));
        return certificate;
    }

    /** A client context that trusts exactly the given certificates. */
    static SSLContext trusting(X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("t" + i, trusted[i]);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
