package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterialManagerTest {

    @TempDir
    Path etc;

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger stamps = new AtomicInteger();
    private final MaterialManager manager = new MaterialManager((settings, generation) -> {
        loads.incrementAndGet();
        return MaterialFactory.load(settings, generation);
    }, () -> "relay.example.com");

    @Test
    void bootstrapsASelfSignedPairWhenNeitherFileExists() throws Exception {
        manager.configure(TestConfig.defaults().settings(etc));

        Material material = manager.current();
        assertEquals(1, material.generation());
        assertEquals(List.of("relay.example.com", "localhost"), material.dnsNames());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), material.ipAddresses());
        assertTrue(material.coversHostname("relay.example.com"));
        assertTrue(material.coversHostname("127.0.0.1"));
        X509Certificate certificate = material.certificate();
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertTrue(certificate.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3649, validity.toString());
        String keyPem = Files.readString(etc.resolve("tls/msrprelay.key"));
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"), keyPem);
        assertTrue(Files.readString(etc.resolve("tls/msrprelay.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void writesTheGeneratedKeyOwnerOnly() throws Exception {
        assumeTrue(etc.getFileSystem().supportedFileAttributeViews().contains("posix"));

        manager.configure(TestConfig.defaults().settings(etc));

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(etc.resolve("tls/msrprelay.key"))));
    }

    @Test
    void bootstrapsForAnIpLiteralHostname() throws Exception {
        MaterialManager ipManager = new MaterialManager(MaterialFactory::load, () -> "");

        ipManager.configure(TestConfig.defaults().withHostname("192.0.2.10").settings(etc));

        assertEquals(List.of("localhost"), ipManager.current().dnsNames());
        assertTrue(ipManager.current().coversHostname("192.0.2.10"));
        assertTrue(ipManager.current().coversHostname("127.0.0.1"));
    }

    @Test
    void refusesToBootstrapWhenOnlyOneFileExists() throws Exception {
        Path key = TestPki.write(etc.resolve("tls/msrprelay.key"), "placeholder\n");

        manager.configure(TestConfig.defaults().settings(etc));

        assertNull(manager.current());
        assertEquals(0, loads.get());
        assertFalse(Files.exists(etc.resolve("tls/msrprelay.crt")));
        assertEquals("placeholder\n", Files.readString(key));
    }

    @Test
    void reloadsChangedFilesWithANewGeneration() throws Exception {
        writePair("first.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        Material first = manager.current();

        manager.poll();
        assertSame(first, manager.current());

        X509Certificate second = writePair("second.example.com");
        manager.poll();

        assertEquals(2, manager.current().generation());
        assertEquals(second, manager.current().certificate());
        assertEquals(List.of("second.example.com"), manager.current().dnsNames());
        assertEquals(List.of("first.example.com"), first.dnsNames());
    }

    @Test
    void keepsTheOldMaterialAndTriesOnceWhileAFileIsBroken() throws Exception {
        writePair("good.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        Material good = manager.current();

        touch(TestPki.write(etc.resolve("tls/msrprelay.key"), TestPki.keyPem(TestPki.ec().getPrivate(),
                TestPki.KeyFormat.PKCS8, null)));
        manager.poll();
        manager.poll();
        manager.poll();

        assertSame(good, manager.current());
        assertEquals(2, loads.get());

        writePair("fixed.example.com");
        manager.poll();
        assertEquals(2, manager.current().generation());
        assertEquals(List.of("fixed.example.com"), manager.current().dnsNames());
    }

    @Test
    void neverBootstrapsWhileRunning() throws Exception {
        writePair("good.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        Material good = manager.current();
        Files.delete(etc.resolve("tls/msrprelay.crt"));
        Files.delete(etc.resolve("tls/msrprelay.key"));

        manager.poll();

        assertSame(good, manager.current());
        assertFalse(Files.exists(etc.resolve("tls/msrprelay.crt")));
    }

    @Test
    void rebuildsOnlyForSettingsThatChangeTheMaterial() throws Exception {
        writePair("relay.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        Material first = manager.current();

        manager.configure(TestConfig.defaults().withHostname("other.example.com").withReloadInterval(3).settings(etc));
        assertSame(first, manager.current());
        assertEquals(1, loads.get());

        manager.configure(TestConfig.defaults().withProtocols("TLSv1.3").settings(etc));
        assertEquals(2, manager.current().generation());
        assertEquals(List.of("TLSv1.3"), List.of(manager.current().enabledProtocols()));
        assertNotEquals(first.serverContext(), manager.current().serverContext());
    }

    @Test
    void aFailedReconfigurationKeepsTheMaterial() throws Exception {
        writePair("relay.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        Material first = manager.current();

        manager.configure(TestConfig.defaults().withFiles("tls/missing.crt", "tls/msrprelay.key").settings(etc));

        assertSame(first, manager.current());
    }

    @Test
    void recoversOnceTheMissingFileAppears() throws Exception {
        TestPki.write(etc.resolve("tls/msrprelay.key"), TestPki.keyPem(TestPki.ec().getPrivate(),
                TestPki.KeyFormat.PKCS8, null));
        manager.configure(TestConfig.defaults().settings(etc));
        assertNull(manager.current());

        writePair("late.example.com");
        manager.poll();

        assertEquals(1, manager.current().generation());
        assertEquals(List.of("late.example.com"), manager.current().dnsNames());
    }

    private X509Certificate writePair(String name) throws Exception {
        KeyPair pair = TestPki.ec();
        X509Certificate certificate = TestPki.writePair(etc.resolve("tls/msrprelay.crt"), etc.resolve("tls/msrprelay.key"),
                pair, name, List.of(name), List.of());
        touch(etc.resolve("tls/msrprelay.crt"));
        touch(etc.resolve("tls/msrprelay.key"));
        return certificate;
    }

    /** Some file systems keep coarse timestamps; a distinct time makes every rewrite visible. */
    private void touch(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(stamps.incrementAndGet())));
    }
}
