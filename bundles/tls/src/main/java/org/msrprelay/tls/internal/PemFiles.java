package org.msrprelay.tls.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads PEM certificates and private keys with BouncyCastle's {@link PEMParser}. Keys and
 * certificates are converted to the JDK's own classes (SunRsaSign, SunEC), which is what
 * SunJSSE signs with; BouncyCastle only decrypts.
 */
final class PemFiles {

    /** Larger files are certainly not what the operator meant; a CA bundle is well below. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /**
     * BC names EC keys "ECDSA", a KeyFactory only a registered BouncyCastle provider has. Karaf's
     * SSH server registers one (another BC version), which would make our keys foreign BC
     * objects; "EC" keeps them SunEC keys whatever providers are installed.
     */
    private static final JcaPEMKeyConverter KEY_CONVERTER =
            new JcaPEMKeyConverter().setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC");

    private PemFiles() {
    }

    /**
     * Reads every certificate of a PEM file, in file order.
     *
     * @param file the file
     * @param role what the file is for, for messages ("certificate", "trust_store")
     * @return at least one certificate
     * @throws TlsConfigException if the file is missing, unreadable or holds no certificate
     */
    static List<X509Certificate> readCertificates(Path file, String role) throws TlsConfigException {
        List<X509Certificate> result = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = open(file, role)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    result.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new TlsConfigException(role + " file " + file + " holds an invalid certificate: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new TlsConfigException("cannot parse " + role + " file " + file + ": " + e.getMessage(), e);
        }
        if (result.isEmpty()) {
            throw new TlsConfigException(role + " file " + file + " holds no PEM certificate");
        }
        return result;
    }

    /**
     * Reads the one private key of a PEM file: PKCS#1 RSA, SEC1 EC, PKCS#8, encrypted PKCS#8
     * or legacy OpenSSL-encrypted PKCS#1/SEC1. Other PEM objects (certificates, EC
     * parameters) are skipped.
     *
     * @param file the file
     * @param password the password of an encrypted key; empty when not encrypted
     * @return the key
     * @throws TlsConfigException if there is no key or more than one, or it cannot be decrypted
     */
    static PrivateKey readPrivateKey(Path file, char[] password) throws TlsConfigException {
        PrivateKeyInfo found = null;
        try (PEMParser parser = open(file, "key")) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                PrivateKeyInfo info = toPrivateKeyInfo(o, file, password);
                if (info != null && found != null) {
                    throw new TlsConfigException("key file " + file + " holds more than one private key");
                }
                found = info == null ? found : info;
            }
            if (found == null) {
                throw new TlsConfigException("key file " + file + " holds no PEM private key");
            }
            return KEY_CONVERTER.getPrivateKey(found);
        } catch (PEMException e) {
            throw new TlsConfigException("key file " + file + " holds an unusable key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TlsConfigException("cannot parse key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKeyInfo toPrivateKeyInfo(Object o, Path file, char[] password) throws TlsConfigException {
        if (o instanceof PrivateKeyInfo info) {
            return info;
        }
        if (o instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            requirePassword(file, password);
            try {
                return encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password));
            } catch (PKCSException | OperatorCreationException | RuntimeException e) {
                throw wrongPassword(file, e);
            }
        }
        if (o instanceof PEMEncryptedKeyPair encrypted) {
            requirePassword(file, password);
            try {
                return encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password))
                        .getPrivateKeyInfo();
            } catch (IOException | RuntimeException e) {
                throw wrongPassword(file, e);
            }
        }
        return null;
    }

    private static void requirePassword(Path file, char[] password) throws TlsConfigException {
        if (password.length == 0) {
            throw new TlsConfigException("key file " + file + " is encrypted but key_password is empty");
        }
    }

    private static TlsConfigException wrongPassword(Path file, Exception cause) {
        // The cause says "pad block corrupted" and the like; the operator needs the likely reason.
        return new TlsConfigException("cannot decrypt key file " + file
                + ": wrong key_password or corrupt key (" + cause.getMessage() + ")", cause);
    }

    private static PEMParser open(Path file, String role) throws TlsConfigException, IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(role + " file " + file + " does not exist", e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new TlsConfigException(role + " file " + file + " is " + size + " bytes; not a PEM file");
        }
        // ISO-8859-1 never fails to decode, so stray bytes in comments cannot break parsing.
        Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        return new PEMParser(reader);
    }
}
