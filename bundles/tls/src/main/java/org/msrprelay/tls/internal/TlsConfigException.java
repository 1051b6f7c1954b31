package org.msrprelay.tls.internal;

/**
 * A TLS configuration that cannot produce material: a missing, unreadable or mismatched
 * file, a wrong key password, or an invalid setting. The message names the files and the
 * setting involved and is meant for the operator as is.
 */
final class TlsConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    TlsConfigException(String message) {
        super(message);
    }

    TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
