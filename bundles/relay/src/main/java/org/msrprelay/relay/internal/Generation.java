package org.msrprelay.relay.internal;

import org.msrprelay.auth.digest.DigestAuthenticator;
import org.msrprelay.tls.TlsMaterial;

/**
 * Everything a connection captures when it opens: the validated settings, the nonce table they
 * imply, with TLS on the TLS material current at that moment, and the host its Use-Path URIs name.
 * The configuration's base generation has no TLS material and holds the configured or
 * address-derived host.
 */
record Generation(RelaySettings settings, DigestAuthenticator digest, TlsMaterial tls, String hostname) {
}
