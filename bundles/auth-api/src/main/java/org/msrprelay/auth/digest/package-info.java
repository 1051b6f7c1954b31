/**
 * HTTP Digest authentication (RFC 2617 section 3, qop {@code auth}, MD5) as RFC 4976 section 6.1
 * uses it for the MSRP {@code AUTH} request: challenges with single-use, expiring nonces bound to a
 * connection, the response check against a {@link org.msrprelay.auth.api.Credential}, and the
 * {@code rspauth} of the {@code Authentication-Info} header (RFC 2617 section 3.2.3). Also parses
 * Basic credentials (RFC 7617 section 2).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.msrprelay.auth.digest;
