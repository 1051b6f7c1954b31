package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msrprelay.tls.internal.TestPki.KeyFormat;

class MaterialFactoryTest {

    private static KeyPair rsa;
    private static KeyPair ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = TestPki.rsa();
        ec = TestPki.ec();
    }

    static Stream<Arguments> keyFormats() {
        return Stream.of(
                Arguments.of("RSA", KeyFormat.TRADITIONAL),
                Arguments.of("RSA", KeyFormat.PKCS8),
                Arguments.of("RSA", KeyFormat.ENCRYPTED_PKCS8),
                Arguments.of("RSA", KeyFormat.LEGACY_ENCRYPTED),
                Arguments.of("EC", KeyFormat.TRADITIONAL),
                Arguments.of("EC", KeyFormat.PKCS8),
                Arguments.of("EC", KeyFormat.ENCRYPTED_PKCS8),
                Arguments.of("EC", KeyFormat.LEGACY_ENCRYPTED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keyFormats")
    void loadsEveryKeyFormat(String algorithm, KeyFormat format) throws Exception {
        KeyPair pair = algorithm.equals("RSA") ? rsa : ec;
        boolean encrypted = format == KeyFormat.ENCRYPTED_PKCS8 || format == KeyFormat.LEGACY_ENCRYPTED;
        String pem = TestPki.keyPem(pair.getPrivate(), format, TestPki.PASSWORD);
        assertTrue(pem.contains(expectedPemType(algorithm, format)), pem);
        TestConfig config = files(pair, pem).withPassword(encrypted ? new String(TestPki.PASSWORD) : "");

        Material material = MaterialFactory.load(config.settings(dir), 7);

        assertEquals(7, material.generation());
        assertEquals(algorithm, material.certificate().getPublicKey().getAlgorithm());
        assertEquals(List.of("relay.example.com", "localhost"), material.dnsNames());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, material.enabledProtocols());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedFormats")
    void rejectsAWrongPasswordNamingTheKeyFile(KeyFormat format) throws Exception {
        TestConfig config = files(ec, TestPki.keyPem(ec.getPrivate(), format, TestPki.PASSWORD)).withPassword("wrong");

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> MaterialFactory.load(config.settings(dir), 1));

        assertTrue(e.getMessage().contains(dir.resolve("relay.key").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("key_password") || e.getMessage().contains("does not belong"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedFormats")
    void rejectsAnEncryptedKeyWithoutPassword(KeyFormat format) throws Exception {
        TestConfig config = files(rsa, TestPki.keyPem(rsa.getPrivate(), format, TestPki.PASSWORD));

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> MaterialFactory.load(config.settings(dir), 1));

        assertTrue(e.getMessage().contains("encrypted but key_password is empty"), e.getMessage());
    }

    static Stream<KeyFormat> encryptedFormats() {
        return Stream.of(KeyFormat.ENCRYPTED_PKCS8, KeyFormat.LEGACY_ENCRYPTED);
    }

    @Test
    void rejectsAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        for (KeyPair other : List.of(TestPki.ec(), TestPki.rsa())) {
            TestPki.writePair(dir.resolve("relay.crt"), dir.resolve("unused.key"), ec, "relay", List.of("relay"), List.of());
            TestPki.write(dir.resolve("relay.key"), TestPki.keyPem(other.getPrivate(), KeyFormat.PKCS8, null));
            TestConfig config = TestConfig.files("relay.crt", "relay.key");

            TlsConfigException e = assertThrows(TlsConfigException.class,
                    () -> MaterialFactory.load(config.settings(dir), 1));

            assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
            assertTrue(e.getMessage().contains(dir.resolve("relay.key").toString()), e.getMessage());
            assertTrue(e.getMessage().contains(dir.resolve("relay.crt").toString()), e.getMessage());
        }
    }

    @Test
    void servesAnExpiredCertificate() throws Exception {
        Instant now = Instant.now();
        X509Certificate expired = TestPki.certificate(ec, "old", ec, "old", now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)), List.of("old.example.com"), List.of(), false);
        TestPki.write(dir.resolve("relay.crt"), TestPki.certificatesPem(expired));
        TestPki.write(dir.resolve("relay.key"), TestPki.keyPem(ec.getPrivate(), KeyFormat.PKCS8, null));

        Material material = MaterialFactory.load(TestConfig.files("relay.crt", "relay.key").settings(dir), 1);

        assertEquals(expired, material.certificate());
        assertTrue(material.coversHostname("old.example.com"));
    }

    @Test
    void keepsTheChainInFileOrder() throws Exception {
        KeyPair caPair = TestPki.rsa();
        Instant now = Instant.now();
        X509Certificate ca = TestPki.certificate(caPair, "Test CA", caPair, "Test CA", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), List.of(), List.of(), true);
        X509Certificate leaf = TestPki.certificate(ec, "relay", caPair, "Test CA", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), List.of("relay.example.com"), List.of(), false);
        TestPki.write(dir.resolve("relay.crt"), TestPki.certificatesPem(leaf, ca));
        TestPki.write(dir.resolve("relay.key"), TestPki.keyPem(ec.getPrivate(), KeyFormat.TRADITIONAL, null));

        Material material = MaterialFactory.load(TestConfig.files("relay.crt", "relay.key").settings(dir), 1);

        assertEquals(List.of(leaf, ca), material.chain());
    }

    @Test
    void reportsMissingEmptyAndDoubledFiles() throws Exception {
        TestConfig config = TestConfig.files("relay.crt", "relay.key");
        assertMessage(config, "certificate file " + dir.resolve("relay.crt") + " does not exist");

        TestPki.writePair(dir.resolve("relay.crt"), dir.resolve("relay.key"), ec, "relay", List.of("relay"), List.of());
        TestPki.write(dir.resolve("relay.key"), "not a key\n");
        assertMessage(config, "holds no PEM private key");

        String key = TestPki.keyPem(ec.getPrivate(), KeyFormat.PKCS8, null);
        TestPki.write(dir.resolve("relay.key"), key + key);
        assertMessage(config, "more than one private key");

        TestPki.write(dir.resolve("relay.crt"), key);
        assertMessage(config, "holds no PEM certificate");
    }

    @Test
    void enablesOnlyStrongSuitesByDefault() throws Exception {
        Material material = MaterialFactory.load(files(ec, TestPki.keyPem(ec.getPrivate(), KeyFormat.PKCS8, null))
                .settings(dir), 1);
        List<String> suites = Arrays.asList(material.enabledCipherSuites());

        assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), suites.toString());
        assertTrue(suites.contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), suites.toString());
        assertTrue(suites.stream().allMatch(CipherSuites::isStrong), suites.toString());
        assertTrue(suites.stream().noneMatch(s -> s.contains("_CBC_") || s.startsWith("TLS_RSA_")), suites.toString());
        List<String> supported = Arrays.asList(material.serverContext().getSupportedSSLParameters().getCipherSuites());
        assertTrue(supported.containsAll(suites));
    }

    @Test
    void acceptsOnlyStrongSupportedConfiguredSuitesCoveringEachProtocol() throws Exception {
        TestConfig config = files(ec, TestPki.keyPem(ec.getPrivate(), KeyFormat.PKCS8, null));
        Material material = MaterialFactory.load(config.withCipherSuites(
                "TLS_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").settings(dir), 1);
        assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                material.enabledCipherSuites());

        assertMessage(config.withCipherSuites("TLS_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_128_CBC_SHA"), "weak");
        assertMessage(config.withCipherSuites("TLS_AES_256_GCM_SHA384,TLS_NO_SUCH_SUITE"), "not supported");
        assertMessage(config.withCipherSuites("TLS_AES_256_GCM_SHA384"), "TLSv1.2 is enabled");
        assertMessage(config.withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), "TLSv1.3 is enabled");
        MaterialFactory.load(config.withProtocols("TLSv1.3").withCipherSuites("TLS_AES_256_GCM_SHA384").settings(dir), 1);
    }

    @Test
    void readsATrustStoreWhenVerifying() throws Exception {
        TestConfig config = files(ec, TestPki.keyPem(ec.getPrivate(), KeyFormat.PKCS8, null))
                .withVerification(true, "ca.pem");
        assertMessage(config, "trust_store file " + dir.resolve("ca.pem") + " does not exist");

        TestPki.write(dir.resolve("ca.pem"), TestPki.certificatesPem(TestPki.selfSigned(TestPki.ec(), "ca",
                List.of(), List.of())));
        MaterialFactory.load(config.settings(dir), 1);
    }

    private void assertMessage(TestConfig config, String expected) throws TlsConfigException {
        TlsSettings settings = config.settings(dir);
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> MaterialFactory.load(settings, 1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private TestConfig files(KeyPair pair, String keyPem) {
        TestPki.write(dir.resolve("relay.crt"), TestPki.certificatesPem(TestPki.selfSigned(pair, "relay.example.com",
                List.of("relay.example.com", "localhost"), List.of("127.0.0.1"))));
        TestPki.write(dir.resolve("relay.key"), keyPem);
        return TestConfig.files("relay.crt", "relay.key");
    }

    private static String expectedPemType(String algorithm, KeyFormat format) {
        return switch (format) {
            case TRADITIONAL -> algorithm.equals("RSA") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY";
            case PKCS8 -> "BEGIN PRIVATE KEY";
            case ENCRYPTED_PKCS8 -> "BEGIN ENCRYPTED PRIVATE KEY";
            case LEGACY_ENCRYPTED -> "Proc-Type: 4,ENCRYPTED";
        };
    }
}
