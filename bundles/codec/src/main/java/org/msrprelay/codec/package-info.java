/**
 * The MSRP message model and an incremental, binary-safe parser and encoder for the
 * RFC 4975 section 9 grammar. Nothing in this package depends on MINA.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.msrprelay.codec;
