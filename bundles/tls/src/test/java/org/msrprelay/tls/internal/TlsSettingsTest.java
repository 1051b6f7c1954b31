package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    private static final Path ETC = Path.of("/opt/karaf/etc");

    @Test
    void resolvesRelativePathsUnderTheBaseDirectory() throws Exception {
        TlsSettings s = TestConfig.defaults().settings(ETC);
        assertEquals(Path.of("/opt/karaf/etc/tls/msrprelay.crt"), s.certificate());
        assertEquals(Path.of("/opt/karaf/etc/tls/msrprelay.key"), s.key());
        assertNull(s.trustStore());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), s.protocols());
        assertEquals(List.of(), s.cipherSuites());
    }

    @Test
    void keepsAbsolutePaths() throws Exception {
        TlsSettings s = TestConfig.files("/srv/a.crt", "/srv/b.key").withVerification(true, "ca.pem").settings(ETC);
        assertEquals(Path.of("/srv/a.crt"), s.certificate());
        assertEquals(Path.of("/srv/b.key"), s.key());
        assertEquals(Path.of("/opt/karaf/etc/ca.pem"), s.trustStore());
    }

    @Test
    void acceptsOnlyTls13AndTls12() throws Exception {
        assertEquals(List.of("TLSv1.2"), TestConfig.defaults().withProtocols(" TLSv1.2 ").settings(ETC).protocols());
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TestConfig.defaults().withProtocols("TLSv1.3,TLSv1.1").settings(ETC));
        assertTrue(e.getMessage().contains("TLSv1.1"), e.getMessage());
        assertThrows(TlsConfigException.class, () -> TestConfig.defaults().withProtocols(" , ").settings(ETC));
        assertThrows(TlsConfigException.class, () -> TestConfig.defaults().withProtocols("SSLv3").settings(ETC));
    }

    @Test
    void rejectsMalformedSuiteNamesAndIntervals() {
        assertThrows(TlsConfigException.class,
                () -> TestConfig.defaults().withCipherSuites("TLS_AES_128_GCM_SHA256;rm").settings(ETC));
        assertThrows(TlsConfigException.class, () -> TestConfig.defaults().withReloadInterval(-1).settings(ETC));
        assertThrows(TlsConfigException.class, () -> TestConfig.defaults().withFiles(" ", "k").settings(ETC));
    }

    @Test
    void neverShowsTheKeyPassword() throws Exception {
        TlsSettings s = TestConfig.defaults().withPassword("hunter2").settings(ETC);
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertEquals("hunter2", new String(s.keyPasswordChars()));
    }

    @Test
    void bootstrapHostnameAndIntervalDoNotChangeTheMaterial() throws Exception {
        TlsSettings base = TestConfig.defaults().settings(ETC);
        assertTrue(base.sameMaterialInputs(TestConfig.defaults().withHostname("x.example").withReloadInterval(5)
                .settings(ETC)));
        assertFalse(base.sameMaterialInputs(TestConfig.defaults().withProtocols("TLSv1.3").settings(ETC)));
        assertFalse(base.sameMaterialInputs(TestConfig.defaults().withPassword("p").settings(ETC)));
        assertFalse(base.sameMaterialInputs(TestConfig.defaults().withClientCertificate(false).settings(ETC)));
    }
}
