package org.msrprelay.tls.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msrprelay.tls.TlsContextProvider;

/** The DS component without a framework: its publisher seam records the service registration. */
class TlsContextProviderComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path etc;

    private final List<TlsContextProvider> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger withdrawn = new AtomicInteger();
    private TlsContextProviderComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    @Test
    void registersTheServiceOnceMaterialExists() {
        activate(TestConfig.defaults());

        TlsContextProvider provider = awaitPublished();
        assertEquals(1, provider.current().generation());
        assertEquals(List.of("relay.example.com", "localhost"), provider.current().dnsNames());
        assertTrue(Files.exists(etc.resolve("tls/msrprelay.crt")));
    }

    @Test
    void registersNothingForAnInvalidConfigurationUntilItIsFixed() {
        TestPki.write(etc.resolve("tls/lonely.key"), "placeholder\n");
        activate(TestConfig.defaults().withProtocols("TLSv1.1"));
        component.modified(TestConfig.defaults().withFiles("tls/lonely.crt", "tls/lonely.key"));
        component.modified(TestConfig.defaults().withFiles("tls/lonely.crt", "tls/lonely.key").withReloadInterval(1));
        component.modified(TestConfig.defaults());

        TlsContextProvider provider = awaitPublished();
        assertEquals(1, provider.current().generation());
        assertEquals(1, published.size());
        assertFalse(Files.exists(etc.resolve("tls/lonely.crt")));
    }

    @Test
    void aConfigurationChangeThatDoesNotAffectTheMaterialRebuildsNothing() {
        activate(TestConfig.defaults());
        TlsContextProvider provider = awaitPublished();

        component.modified(TestConfig.defaults().withHostname("elsewhere.example.com").withReloadInterval(30));
        component.modified(TestConfig.defaults().withProtocols("TLSv1.3"));

        await().atMost(WAIT).until(() -> provider.current().enabledProtocols().length == 1);
        assertEquals(2, provider.current().generation());
        assertEquals(1, published.size());
    }

    @Test
    void picksUpChangedFilesByItself() throws Exception {
        activate(TestConfig.defaults().withReloadInterval(1));
        TlsContextProvider provider = awaitPublished();

        TestPki.writePair(etc.resolve("tls/msrprelay.crt"), etc.resolve("tls/msrprelay.key"), TestPki.rsa(),
                "new.example.com", List.of("new.example.com"), List.of());
        Files.setLastModifiedTime(etc.resolve("tls/msrprelay.crt"), FileTime.from(Instant.now().plusSeconds(5)));

        await().atMost(WAIT).until(() -> provider.current().generation() == 2);
        assertEquals(List.of("new.example.com"), provider.current().dnsNames());
    }

    @Test
    void deactivationWithdrawsTheServiceAndStopsTheThread() {
        activate(TestConfig.defaults().withReloadInterval(1));
        awaitPublished();

        component.deactivate();
        component.modified(TestConfig.defaults());

        assertEquals(1, withdrawn.get());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("msrprelay-tls-reload") && t.isAlive()));
        component = null;
    }

    private void activate(TestConfig config) {
        component = new TlsContextProviderComponent(config, provider -> {
            published.add(provider);
            return withdrawn::incrementAndGet;
        }, () -> "relay.example.com", etc);
    }

    private TlsContextProvider awaitPublished() {
        await().atMost(WAIT).until(() -> !published.isEmpty());
        return published.get(0);
    }
}
