package org.msrprelay.tls.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance of this bundle, handed to BC builders as an object.
 * It is never added to {@link java.security.Security}: that would be JVM-wide state that
 * outlives a bundle update.
 */
final class Bc {

    /** Created on first use; building it takes a while, so it is shared. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
