/**
 * TLS material for the MSRP relay: the server and client {@link javax.net.ssl.SSLContext}s,
 * the protocol and cipher-suite policy, and the certificate's subjectAltNames that decide
 * which host names the relay may put in its {@code msrps:} URIs (RFC 4976 section 5 requires
 * TLS between clients and relays and between relays; RFC 4975 section 14.2 the
 * subjectAltName checks).
 *
 * <p>Consumers obtain the {@link org.msrprelay.tls.TlsContextProvider} service and capture
 * {@link org.msrprelay.tls.TlsContextProvider#current()} once per connection, so a reload
 * reaches new connections only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.msrprelay.tls;
