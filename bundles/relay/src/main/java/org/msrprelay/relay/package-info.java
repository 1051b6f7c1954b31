/**
 * The relay's management view: counters and session snapshots, for the shell and JMX.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.msrprelay.relay;
