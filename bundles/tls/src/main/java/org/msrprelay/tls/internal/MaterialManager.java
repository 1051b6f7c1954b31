package org.msrprelay.tls.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.msrprelay.tls.TlsContextProvider;
import org.msrprelay.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current material and decides when to rebuild it: on a configuration change that
 * affects it, and when a watched file changed. A failed rebuild keeps the previous material
 * and is logged once per configuration change or file state. No OSGi types here.
 *
 * <p>Callers serialise {@link #configure} and {@link #poll} (the component runs both on one
 * thread); {@link #current()} may be called from any thread.
 */
final class MaterialManager implements TlsContextProvider {

    private static final Logger LOG = LoggerFactory.getLogger(MaterialManager.class);

    private final MaterialFactory.Loader loader;
    private final Supplier<String> relayHostname;
    private final AtomicReference<Material> current = new AtomicReference<>();
    private TlsSettings settings;
    private FileState loadedState;

    /**
     * @param loader builds material from settings
     * @param relayHostname the {@code hostname} of PID {@code org.msrprelay.relay}, empty if unset;
     *        asked only when a self-signed certificate is generated
     */
    MaterialManager(MaterialFactory.Loader loader, Supplier<String> relayHostname) {
        this.loader = loader;
        this.relayHostname = relayHostname;
    }

    /** The current material, or {@code null} before the first successful load. */
    @Override
    public Material current() {
        return current.get();
    }

    /** The settings in force, or {@code null} before the first valid configuration. */
    TlsSettings settings() {
        return settings;
    }

    /**
     * Applies new settings. Settings that build the same material as the current one (they
     * differ only in the bootstrap host name or the reload interval) rebuild nothing. Otherwise
     * the material is rebuilt, generating a self-signed pair if neither file exists.
     */
    void configure(TlsSettings next) {
        TlsSettings previous = settings;
        settings = next;
        if (previous != null && current.get() != null && next.sameMaterialInputs(previous)) {
            LOG.debug("TLS configuration changed without affecting the material: {}", next);
            return;
        }
        load(next, true);
    }

    /**
     * Rebuilds the material if a watched file changed since the last load attempt. Never
     * generates a self-signed pair: files that disappear while the relay runs are reported and
     * the current material stays.
     */
    void poll() {
        TlsSettings s = settings;
        if (s == null || FileState.of(s.watchedFiles()).equals(loadedState)) {
            return;
        }
        LOG.debug("TLS files changed: {}", s.watchedFiles());
        load(s, false);
    }

    private void load(TlsSettings s, boolean mayBootstrap) {
        loadedState = FileState.of(s.watchedFiles());
        Material previous = current.get();
        long generation = previous == null ? 1 : previous.generation() + 1;
        try {
            if (mayBootstrap && bootstrapNeeded(s)) {
                bootstrap(s);
                loadedState = FileState.of(s.watchedFiles());
            }
            Material material = loader.load(s, generation);
            current.set(material);
            LOG.info("TLS material loaded: {} certificate={} key={}", material, s.certificate(), s.key());
        } catch (TlsConfigException e) {
            logFailure(s, previous, e);
        }
    }

    private static boolean bootstrapNeeded(TlsSettings s) throws TlsConfigException {
        boolean noCertificate = Files.notExists(s.certificate());
        boolean noKey = Files.notExists(s.key());
        if (noCertificate != noKey) {
            Path missing = noCertificate ? s.certificate() : s.key();
            Path present = noCertificate ? s.key() : s.certificate();
            throw new TlsConfigException(missing + " does not exist but " + present + " does; not generating a"
                    + " self-signed pair over it. Install the missing file, or remove both to get a self-signed pair");
        }
        return noCertificate;
    }

    private void bootstrap(TlsSettings s) throws TlsConfigException {
        String hostname = SelfSignedBootstrap.chooseHostname(relayHostname.get(), s.hostname());
        SelfSignedBootstrap.Generated generated = SelfSignedBootstrap.generate(s.certificate(), s.key(), hostname);
        LOG.warn("TLS bootstrap: neither {} nor {} existed, so a self-signed certificate was generated there:"
                + " dnsNames={} ipAddresses={} notAfter={}. Clients cannot verify it; replace both files with a"
                + " CA-issued certificate and key (picked up without a restart)", s.certificate(), s.key(),
                generated.dnsNames(), generated.ipAddresses(), generated.notAfter());
    }

    private static void logFailure(TlsSettings s, TlsMaterial previous, TlsConfigException e) {
        if (previous == null) {
            LOG.error("TLS material not loaded: {}. The TlsContextProvider service is unavailable until the"
                    + " files or the configuration of org.msrprelay.tls are fixed (certificate={} key={})",
                    e.getMessage(), s.certificate(), s.key());
        } else {
            LOG.error("TLS material not reloaded: {}. Keeping generation {} (certificate={} key={})",
                    e.getMessage(), previous.generation(), s.certificate(), s.key());
        }
        LOG.debug("TLS load failure detail", e);
    }
}
