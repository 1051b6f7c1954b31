package org.msrprelay.auth.api;

/**
 * A credential backend is unavailable or failed, or rejected a request. The message says why and
 * never contains a secret. The relay answers such an AUTH with an error and logs the message.
 */
public class CredentialStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public CredentialStoreException(String message) {
        super(message);
    }

    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
