package org.msrprelay.tls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PID {@code org.msrprelay.tls}. A double underscore in a method name is one
 * underscore in the property key ({@code key__password} is {@code key_password}).
 */
@ObjectClassDefinition(
        name = "MSRPRelay TLS",
        description = "Certificate, key and TLS policy of the MSRP relay. Changes, and changes to the"
                + " certificate and key files, reach new connections only.")
public @interface TlsConfig {

    @AttributeDefinition(name = "Certificate file",
            description = "PEM X.509 certificate chain, leaf first. A relative path is under ${karaf.etc}."
                    + " If neither this file nor the key exists, a self-signed certificate is generated here.")
    String certificate() default "tls/msrprelay.crt";

    @AttributeDefinition(name = "Private key file",
            description = "PEM private key, RSA or EC: PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 or legacy"
                    + " encrypted PKCS#1. A relative path is under ${karaf.etc}.")
    String key() default "tls/msrprelay.key";

    @AttributeDefinition(name = "Key password", type = AttributeType.PASSWORD, required = false,
            description = "Password of an encrypted private key; empty for an unencrypted key.")
    String key__password() default "";

    @AttributeDefinition(name = "Bootstrap host name", required = false,
            description = "Host name put in a generated self-signed certificate when org.msrprelay.relay has"
                    + " no hostname. Empty: this machine's canonical host name. Not used otherwise.")
    String hostname() default "";

    @AttributeDefinition(name = "Verify next hops",
            description = "Verify the certificate chain and host name of the next hop on outbound msrps"
                    + " connections. false (the seed's behaviour) accepts any certificate, so an attacker on the"
                    + " path can impersonate the next relay and read or change the messages relayed to it.")
    boolean verify__peer() default false;

    @AttributeDefinition(name = "Trusted CAs", required = false,
            description = "PEM file of CA certificates trusted when verify_peer is true. Empty: the JDK's default"
                    + " trust store. A relative path is under ${karaf.etc}.")
    String trust__store() default "";

    @AttributeDefinition(name = "Present client certificate",
            description = "Present the relay's certificate on outbound msrps connections (relay-to-relay mutual TLS).")
    boolean client__certificate() default true;

    @AttributeDefinition(name = "Protocols",
            description = "Comma-separated TLS protocols to enable; only TLSv1.3 and TLSv1.2 are accepted.")
    String protocols() default "TLSv1.3,TLSv1.2";

    @AttributeDefinition(name = "Cipher suites", required = false,
            description = "Comma-separated cipher suites (JSSE names). Empty: the JDK's enabled suites without the"
                    + " weak ones (only forward-secret AEAD suites remain). Weak or unsupported names are rejected.")
    String cipher__suites() default "";

    @AttributeDefinition(name = "Reload interval (s)", min = "0", max = "86400",
            description = "Seconds between checks of the certificate, key and trust files for changes"
                    + " (modification time, size, inode); 0 disables the check.")
    int reload__interval__seconds() default 10;
}
