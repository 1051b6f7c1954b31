package org.msrprelay.relay.internal;

import org.msrprelay.auth.digest.DigestAuthenticator;
import org.msrprelay.tls.TlsMaterial;

/**
 * Everything a connection captures when it opens: the validated settings, the nonce table they
 * imply and, with TLS on, the TLS material current at that moment.
 */
record Generation(RelaySettings settings, DigestAuthenticator digest, TlsMaterial tls, String hostname) {
}
