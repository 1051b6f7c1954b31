package org.msrprelay.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PID {@code org.msrprelay.relay}. Keys follow the seed relay's config.ini names; a
 * double underscore in a method name is one underscore in the key.
 */
@ObjectClassDefinition(name = "MSRP relay",
        description = "MSRP relay (RFC 4976). Changes apply to new sessions only; established sessions keep the settings they started with.")
public @interface RelayConfig {
    @AttributeDefinition(description = "IP address to listen on (IPv4 or IPv6); 0.0.0.0 or :: for all.")
    String address() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (IANA MSRP: 2855).", min = "1", max = "65535")
    int port() default 2855;

    @AttributeDefinition(description = "Host in the Use-Path URIs handed out. Empty: the certificate's first DNS subjectAltName, else the listen address, else the host's primary IP. With TLS it must be covered by the certificate.")
    String hostname() default "";

    @AttributeDefinition(name = "debug_notls", description = "Plain TCP (msrp://) instead of TLS (msrps://). For debugging only.")
    boolean debug__notls() default false;

    @AttributeDefinition(name = "default_domain", description = "Empty: the realm is the host of the AUTH's To-Path URI (multi-domain). Else every user authenticates in this domain.")
    String default__domain() default "";

    @AttributeDefinition(description = "Credential backend for new AUTHs: the msrprelay.backend property of an installed backend (memory, jdbc).")
    String backend() default "memory";

    @AttributeDefinition(name = "allow_other_methods", description = "Forward methods other than SEND, REPORT and NICKNAME; if false they get 501.")
    boolean allow__other__methods() default true;

    @AttributeDefinition(name = "max_auth_attempts", description = "Failed AUTHs on one connection before it is closed (0: unlimited).", min = "0")
    int max__auth__attempts() default 3;

    @AttributeDefinition(name = "allow_basic_auth", description = "Also accept Authorization: Basic, on TLS connections only.")
    boolean allow__basic__auth() default false;

    @AttributeDefinition(name = "auth_challenge_expiration_time", description = "Seconds a digest nonce stays valid.", min = "1")
    int auth__challenge__expiration__time() default 15;

    @AttributeDefinition(name = "log_failed_auth", description = "Log each failed AUTH (user, peer address, reason) at WARN.")
    boolean log__failed__auth() default false;

    @AttributeDefinition(name = "session_expiration_time_minimum", description = "Smallest Expires accepted in AUTH (else 423 with Min-Expires).", min = "1")
    int session__expiration__time__minimum() default 60;

    @AttributeDefinition(name = "session_expiration_time_default", description = "Expires granted when the AUTH has none.", min = "1")
    int session__expiration__time__default() default 600;

    @AttributeDefinition(name = "session_expiration_time_maximum", description = "Largest Expires accepted (else 423 with Max-Expires).", min = "1")
    int session__expiration__time__maximum() default 3600;

    @AttributeDefinition(name = "unauthenticated_timeout", description = "Seconds a connection may stay without a valid AUTH or routed request before it is closed.", min = "1")
    int unauthenticated__timeout() default 30;

    @AttributeDefinition(name = "idle_timeout", description = "Seconds without any traffic after which a connection is closed (0: never).", min = "0")
    int idle__timeout() default 3600;

    @AttributeDefinition(name = "transaction_timeout", description = "Seconds to wait for a downstream response before a 408 REPORT (RFC 4975: 30).", min = "1")
    int transaction__timeout() default 30;

    @AttributeDefinition(name = "connect_timeout", description = "Seconds allowed for an outbound connection to a next hop.", min = "1")
    int connect__timeout() default 10;

    @AttributeDefinition(name = "auth_lookup_timeout", description = "Seconds to wait for the credential backend before AUTH fails with 500.", min = "1")
    int auth__lookup__timeout() default 5;

    @AttributeDefinition(name = "max_connections_per_address", description = "Concurrent inbound connections from one IP address (many clients share one NAT address).", min = "1")
    int max__connections__per__address() default 2000;

    @AttributeDefinition(name = "max_connections", description = "Concurrent connections in total.", min = "1")
    int max__connections() default 100000;

    @AttributeDefinition(name = "max_sessions", description = "Concurrent authenticated sessions.", min = "1")
    int max__sessions() default 100000;

    @AttributeDefinition(name = "session_queue_bytes", description = "Bytes queued towards one session's next hop before reading from its sender is paused (back-pressure).", min = "4096")
    int session__queue__bytes() default 1048576;

    @AttributeDefinition(name = "max_start_line", description = "Longest MSRP start line in bytes.", min = "32")
    int max__start__line() default 1024;

    @AttributeDefinition(name = "max_header_line", description = "Longest header line in bytes.", min = "64")
    int max__header__line() default 16384;

    @AttributeDefinition(name = "max_header_bytes", description = "Largest header block (start line and headers) in bytes.", min = "256")
    int max__header__bytes() default 65536;

    @AttributeDefinition(name = "max_headers", description = "Most header lines in one message.", min = "2")
    int max__headers() default 64;

    @AttributeDefinition(name = "max_path_uris", description = "Most URIs in one To-Path or From-Path.", min = "2")
    int max__path__uris() default 32;

    @AttributeDefinition(name = "max_non_send_body", description = "Largest body of a request other than SEND (REPORT, NICKNAME, ...) in bytes; larger gets 413.", min = "0")
    int max__non__send__body() default 65536;
}
