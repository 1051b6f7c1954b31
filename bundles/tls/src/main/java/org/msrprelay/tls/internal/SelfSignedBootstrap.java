package org.msrprelay.tls.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the self-signed certificate the relay runs with when no certificate and key have
 * been installed (SPEC section 2): EC P-256, about ten years, server and client use, names
 * {@code hostname} (DNS or IP), {@code localhost} and {@code 127.0.0.1}.
 */
final class SelfSignedBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedBootstrap.class);
    static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final int MAX_CN_LENGTH = 64;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    /** What was generated, for the log line. */
    record Generated(List<String> dnsNames, List<String> ipAddresses, Instant notAfter) {
    }

    private SelfSignedBootstrap() {
    }

    /**
     * Generates a key and certificate and writes them as PEM (PKCS#8 key, mode 600 where the
     * file system has POSIX permissions). Neither file may exist; an existing file is never
     * overwritten.
     *
     * @param certificateFile where the certificate goes
     * @param keyFile where the key goes
     * @param hostname the relay's host name or IP literal; empty or invalid adds nothing
     * @return what was generated
     * @throws TlsConfigException if generation or writing fails
     */
    static Generated generate(Path certificateFile, Path keyFile, String hostname) throws TlsConfigException {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        String host = hostname == null ? "" : hostname.trim();
        HostNames.ipLiteral(host).ifPresentOrElse(ip -> ips.add(ip.getHostAddress()), () -> {
            if (HostNames.isDnsName(host)) {
                dns.add(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
            }
        });
        dns.add("localhost");
        ips.add("127.0.0.1");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = certificate(pair, new ArrayList<>(dns), new ArrayList<>(ips));
            writeNew(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
            try {
                writeNew(certificateFile, pem(certificate), false);
            } catch (IOException e) {
                Files.deleteIfExists(keyFile);
                throw e;
            }
            return new Generated(List.copyOf(dns), List.copyOf(ips), certificate.getNotAfter().toInstant());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new TlsConfigException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TlsConfigException("cannot write the self-signed certificate " + certificateFile + " and key "
                    + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Picks the relay's name for a new certificate: the first non-empty candidate, else this host's name. */
    static String chooseHostname(String relayHostname, String tlsHostname) {
        for (String candidate : new String[] {relayHostname, tlsHostname}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "";
        }
    }

    private static X509Certificate certificate(KeyPair pair, List<String> dns, List<String> ips)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        String cn = dns.get(0).length() <= MAX_CN_LENGTH ? dns.get(0) : "localhost";
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(pair.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Bc.PROVIDER).build(pair.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static void writeNew(Path file, String content, boolean secret) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = secret && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // CREATE_NEW: a file that appeared meanwhile is never overwritten; the mode is set at creation.
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes);
                OutputStream out = Channels.newOutputStream(channel)) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        }
        if (secret && !posix) {
            var f = file.toFile();
            boolean ownerOnly = f.setReadable(false, false) & f.setReadable(true, true)
                    & f.setWritable(false, false) & f.setWritable(true, true);
            if (!ownerOnly) {
                LOG.warn("TLS bootstrap: cannot restrict permissions of key file {}", file);
            }
        }
    }
}
