package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Security;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.msrprelay.tls.internal.TestPki.KeyFormat;

/**
 * Karaf's SSH server registers a BouncyCastle provider JVM-wide (Karaf 4.4.10 boots BC 1.83
 * for it). Keys must still come out as the JDK's own objects and match their certificates.
 * This class adds the provider for its own tests only and removes it afterwards.
 */
class GlobalBouncyCastleTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void registerBouncyCastleLikeKarafSshd() {
        Security.addProvider(new BouncyCastleProvider());
    }

    @AfterAll
    static void unregister() {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void loadsEcKeysAsJdkKeys(KeyFormat format) throws Exception {
        assertLoadsAsJdkKey(TestPki.ec(), format);
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void loadsRsaKeysAsJdkKeys(KeyFormat format) throws Exception {
        assertLoadsAsJdkKey(TestPki.rsa(), format);
    }

    @ParameterizedTest
    @EnumSource(value = KeyFormat.class, names = "PKCS8")
    void bootstrapsWithTheProviderRegistered(KeyFormat unused) throws Exception {
        MaterialManager manager = new MaterialManager(MaterialFactory::load, () -> "relay.example.com");

        manager.configure(TestConfig.defaults().settings(dir));

        assertEquals(1, manager.current().generation());
    }

    private void assertLoadsAsJdkKey(KeyPair pair, KeyFormat format) throws Exception {
        Path keyFile = TestPki.write(dir.resolve("relay.key"), TestPki.keyPem(pair.getPrivate(), format, TestPki.PASSWORD));
        TestPki.write(dir.resolve("relay.crt"), TestPki.certificatesPem(TestPki.selfSigned(pair, "relay",
                List.of("relay.example.com"), List.of())));

        PrivateKey key = PemFiles.readPrivateKey(keyFile, TestPki.PASSWORD.clone());
        Material material = MaterialFactory.load(TestConfig.files("relay.crt", "relay.key")
                .withPassword(new String(TestPki.PASSWORD)).settings(dir), 1);

        assertTrue(key.getClass().getName().startsWith("sun.security."), key.getClass().getName());
        assertEquals(pair.getPrivate().getAlgorithm(), key.getAlgorithm());
        assertEquals(List.of("relay.example.com"), material.dnsNames());
    }
}
