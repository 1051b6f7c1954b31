/**
 * The thin Apache MINA adapter of the MSRP codec: a {@code ProtocolCodecFactory} whose decoder emits
 * {@link org.msrprelay.codec.MsrpFrame}, {@link org.msrprelay.codec.MsrpHead},
 * {@link org.msrprelay.codec.MsrpBodySlice}, {@link org.msrprelay.codec.MsrpEndLine} and
 * {@link org.msrprelay.codec.MsrpParseException} objects, and whose encoder accepts the same types.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.msrprelay.codec.mina;
