package org.msrprelay.tls.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated form of {@link TlsConfig}: absolute paths, parsed lists, checked ranges.
 * {@link #toString()} never shows the key password.
 *
 * @param certificate the PEM certificate chain file
 * @param key the PEM private key file
 * @param keyPassword the key password, empty when the key is not encrypted
 * @param hostname the fallback host name for a generated certificate, possibly empty
 * @param verifyPeer whether outbound connections verify the next hop
 * @param trustStore the PEM CA bundle for verification, {@code null} for the JDK default
 * @param clientCertificate whether outbound connections present the relay's certificate
 * @param protocols the protocols to enable, a non-empty subset of TLSv1.3 and TLSv1.2
 * @param cipherSuites the configured suites; empty selects the JDK's strong defaults
 * @param reloadIntervalSeconds seconds between file checks, 0 for none
 */
record TlsSettings(Path certificate, Path key, String keyPassword, String hostname, boolean verifyPeer,
        Path trustStore, boolean clientCertificate, List<String> protocols, List<String> cipherSuites,
        int reloadIntervalSeconds) {

    static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final int MAX_RELOAD_INTERVAL_SECONDS = 86_400;
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");
    private static final Pattern SUITE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /**
     * Validates a configuration.
     *
     * @param config the configuration from Config Admin (or the metatype defaults)
     * @param baseDirectory the directory relative paths resolve against
     * @return the settings
     * @throws TlsConfigException naming the offending key and value
     */
    static TlsSettings from(TlsConfig config, Path baseDirectory) throws TlsConfigException {
        int interval = config.reload__interval__seconds();
        if (interval < 0 || interval > MAX_RELOAD_INTERVAL_SECONDS) {
            throw new TlsConfigException("reload_interval_seconds=" + interval + " is out of range 0.."
                    + MAX_RELOAD_INTERVAL_SECONDS);
        }
        String trust = trim(config.trust__store());
        return new TlsSettings(
                resolve("certificate", config.certificate(), baseDirectory),
                resolve("key", config.key(), baseDirectory),
                config.key__password() == null ? "" : config.key__password(),
                trim(config.hostname()),
                config.verify__peer(),
                trust.isEmpty() ? null : resolve("trust_store", trust, baseDirectory),
                config.client__certificate(),
                protocols(config.protocols()),
                cipherSuites(config.cipher__suites()),
                interval);
    }

    /**
     * The directory relative paths resolve against: {@code ${karaf.etc}}, else the current
     * directory.
     *
     * @return an absolute directory
     */
    static Path defaultBaseDirectory() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "" : etc).toAbsolutePath();
    }

    /** The files whose changes trigger a reload. */
    List<Path> watchedFiles() {
        return trustStore == null ? List.of(certificate, key) : List.of(certificate, key, trustStore);
    }

    /** The key password as the char array the JCA wants; a fresh copy each call. */
    char[] keyPasswordChars() {
        return keyPassword.toCharArray();
    }

    /**
     * Tells whether two settings build the same material: they differ at most in the
     * bootstrap host name and the reload interval.
     */
    boolean sameMaterialInputs(TlsSettings other) {
        return certificate.equals(other.certificate) && key.equals(other.key)
                && keyPassword.equals(other.keyPassword) && verifyPeer == other.verifyPeer
                && Objects.equals(trustStore, other.trustStore) && clientCertificate == other.clientCertificate
                && protocols.equals(other.protocols) && cipherSuites.equals(other.cipherSuites);
    }

    @Override
    public String toString() {
        return "TlsSettings[certificate=" + certificate + ", key=" + key
                + ", key_password=" + (keyPassword.isEmpty() ? "(none)" : "(set)")
                + ", hostname=" + hostname + ", verify_peer=" + verifyPeer + ", trust_store=" + trustStore
                + ", client_certificate=" + clientCertificate + ", protocols=" + protocols
                + ", cipher_suites=" + cipherSuites + ", reload_interval_seconds=" + reloadIntervalSeconds + "]";
    }

    private static Path resolve(String name, String value, Path baseDirectory) throws TlsConfigException {
        String path = trim(value);
        if (path.isEmpty()) {
            throw new TlsConfigException(name + " must name a file");
        }
        try {
            Path p = Path.of(path);
            return (p.isAbsolute() ? p : baseDirectory.resolve(p)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new TlsConfigException(name + "=" + path + " is not a valid path: " + e.getMessage(), e);
        }
    }

    private static List<String> protocols(String value) throws TlsConfigException {
        Set<String> result = new LinkedHashSet<>();
        for (String p : split(value)) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new TlsConfigException("protocols: " + p + " is not allowed; use TLSv1.3 and/or TLSv1.2");
            }
            result.add(p);
        }
        if (result.isEmpty()) {
            throw new TlsConfigException("protocols must name TLSv1.3 and/or TLSv1.2");
        }
        return new ArrayList<>(result);
    }

    private static List<String> cipherSuites(String value) throws TlsConfigException {
        Set<String> result = new LinkedHashSet<>();
        for (String s : split(value)) {
            if (!SUITE_NAME.matcher(s).matches()) {
                throw new TlsConfigException("cipher_suites: '" + s + "' is not a cipher suite name");
            }
            result.add(s);
        }
        return new ArrayList<>(result);
    }

    private static List<String> split(String value) {
        String v = trim(value);
        return v.isEmpty() ? List.of() : List.of(LIST_SEPARATOR.split(v));
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
