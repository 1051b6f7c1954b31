package org.msrprelay.tls;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Supplies the relay's current TLS material (RFC 4976 section 5: every hop is TLS unless
 * the operator debugs without it).
 *
 * <p>The provider reloads the material when its configuration or the certificate and key
 * files change. Each reload produces a new immutable {@link TlsMaterial}; a connection that
 * captured an older one keeps using it, so established sessions are never disturbed.
 *
 * <p>The service is registered only while material exists: a relay that finds the service
 * can always call {@link #current()}.
 */
@ProviderType
public interface TlsContextProvider {

    /**
     * Returns the current material.
     *
     * @return the current immutable material; a reload produces a new instance. Never
     *         {@code null} while the service is registered.
     */
    TlsMaterial current();
}
