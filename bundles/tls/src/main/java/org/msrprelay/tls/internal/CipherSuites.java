package org.msrprelay.tls.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The cipher-suite policy: forward-secret AEAD suites only. TLS 1.3 suites all qualify; for
 * TLS 1.2 only ECDHE/DHE with AES-GCM or ChaCha20-Poly1305 do. That rules out static RSA key
 * exchange, CBC (Lucky13-style padding oracles), SHA-1 MACs, RC4, 3DES, NULL and anonymous
 * suites.
 */
final class CipherSuites {

    /** Not a cipher: signals secure renegotiation (RFC 5746); the JDK enables it by default. */
    static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    private CipherSuites() {
    }

    /**
     * Chooses the suites to enable.
     *
     * @param context the context the suites must be supported by
     * @param configured the operator's list; empty for the JDK's enabled suites minus weak ones
     * @param protocols the enabled protocols, each of which needs at least one suite
     * @return the suites in preference order
     * @throws TlsConfigException if a configured suite is unsupported or weak, or a protocol is
     *         left without a suite
     */
    static List<String> select(SSLContext context, List<String> configured, List<String> protocols)
            throws TlsConfigException {
        List<String> result;
        if (configured.isEmpty()) {
            result = Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                    .filter(CipherSuites::isStrong).toList();
        } else {
            Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
            List<String> unsupported = configured.stream().filter(s -> !supported.contains(s)).toList();
            if (!unsupported.isEmpty()) {
                throw new TlsConfigException("cipher_suites: not supported by this JDK: " + unsupported);
            }
            List<String> weak = configured.stream().filter(s -> !isStrong(s)).toList();
            if (!weak.isEmpty()) {
                throw new TlsConfigException("cipher_suites: weak suites are not allowed: " + weak);
            }
            result = configured;
        }
        requireCoverage(result, protocols);
        return result;
    }

    /** Tells whether a suite is TLS 1.3 only. */
    static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }

    /** Tells whether a suite passes the policy. */
    static boolean isStrong(String suite) {
        if (isTls13(suite) || RENEGOTIATION_SCSV.equals(suite)) {
            return true;
        }
        boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.endsWith("_CHACHA20_POLY1305_SHA256");
        return forwardSecret && aead;
    }

    private static void requireCoverage(List<String> suites, List<String> protocols) throws TlsConfigException {
        boolean tls13 = suites.stream().anyMatch(CipherSuites::isTls13);
        boolean tls12 = suites.stream().anyMatch(s -> !isTls13(s) && !RENEGOTIATION_SCSV.equals(s));
        if (protocols.contains("TLSv1.3") && !tls13) {
            throw new TlsConfigException(
                    "cipher_suites: TLSv1.3 is enabled but none of " + suites + " is a TLS 1.3 suite");
        }
        if (protocols.contains("TLSv1.2") && !tls12) {
            throw new TlsConfigException(
                    "cipher_suites: TLSv1.2 is enabled but none of " + suites + " is a TLS 1.2 suite");
        }
    }
}
