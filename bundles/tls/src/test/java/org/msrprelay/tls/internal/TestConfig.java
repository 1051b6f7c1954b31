package org.msrprelay.tls.internal;

import java.lang.annotation.Annotation;

/** A {@link TlsConfig} as Config Admin would hand it over, without a framework. */
record TestConfig(String certificate, String key, String key__password, String hostname, boolean verify__peer,
        String trust__store, boolean client__certificate, String protocols, String cipher__suites,
        int reload__interval__seconds) implements TlsConfig {

    /** The metatype defaults, except that the file check is off unless a test turns it on. */
    static TestConfig defaults() {
        return new TestConfig("tls/msrprelay.crt", "tls/msrprelay.key", "", "", false, "", true,
                "TLSv1.3,TLSv1.2", "", 0);
    }

    static TestConfig files(String certificate, String key) {
        return defaults().withFiles(certificate, key);
    }

    TestConfig withFiles(String cert, String k) {
        return new TestConfig(cert, k, key__password, hostname, verify__peer, trust__store, client__certificate,
                protocols, cipher__suites, reload__interval__seconds);
    }

    TestConfig withPassword(String password) {
        return new TestConfig(certificate, key, password, hostname, verify__peer, trust__store, client__certificate,
                protocols, cipher__suites, reload__interval__seconds);
    }

    TestConfig withHostname(String name) {
        return new TestConfig(certificate, key, key__password, name, verify__peer, trust__store, client__certificate,
                protocols, cipher__suites, reload__interval__seconds);
    }

    TestConfig withVerification(boolean verify, String trustStore) {
        return new TestConfig(certificate, key, key__password, hostname, verify, trustStore, client__certificate,
                protocols, cipher__suites, reload__interval__seconds);
    }

    TestConfig withClientCertificate(boolean present) {
        return new TestConfig(certificate, key, key__password, hostname, verify__peer, trust__store, present,
                protocols, cipher__suites, reload__interval__seconds);
    }

    TestConfig withProtocols(String value) {
        return new TestConfig(certificate, key, key__password, hostname, verify__peer, trust__store,
                client__certificate, value, cipher__suites, reload__interval__seconds);
    }

    TestConfig withCipherSuites(String value) {
        return new TestConfig(certificate, key, key__password, hostname, verify__peer, trust__store,
                client__certificate, protocols, value, reload__interval__seconds);
    }

    TestConfig withReloadInterval(int seconds) {
        return new TestConfig(certificate, key, key__password, hostname, verify__peer, trust__store,
                client__certificate, protocols, cipher__suites, seconds);
    }

    TlsSettings settings(java.nio.file.Path base) throws TlsConfigException {
        return TlsSettings.from(this, base);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return TlsConfig.class;
    }
}
