/**
 * The credential SPI of the relay: a {@link org.msrprelay.auth.api.CredentialStore} returns the
 * secret of an account (cleartext password or RFC 2617 section 3.2.2.2 HA1) and the relay checks the
 * digest itself (see {@code org.msrprelay.auth.digest}), so the check is written once for every
 * backend. Backends register as OSGi services with the
 * {@link org.msrprelay.auth.api.CredentialStore#BACKEND_PROPERTY} property; RFC 4976 section 6.1
 * describes the AUTH request they serve.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.msrprelay.auth.api;
