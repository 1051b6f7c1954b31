package org.msrprelay.relay.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.msrprelay.codec.ParserLimits;

/**
 * One validated, immutable generation of the relay configuration. A connection captures the
 * current instance when it is accepted and keeps it for its life.
 */
record RelaySettings(long generation, InetAddress address, int port, String hostname, boolean tls, String defaultDomain,
                     String backend, boolean allowOtherMethods, int maxAuthAttempts, boolean allowBasicAuth,
                     Duration nonceTtl, boolean logFailedAuth, int expiresMin, int expiresDefault, int expiresMax,
                     Duration unauthenticatedTimeout, int idleTimeoutSeconds, Duration transactionTimeout,
                     Duration connectTimeout, Duration authLookupTimeout, int maxConnectionsPerAddress, int maxConnections,
                     int maxSessions, int sessionQueueBytes, ParserLimits limits) {

    /** Validates a configuration; the message of the exception names the key and the reason. */
    static RelaySettings from(RelayConfig c, long generation) {
        InetAddress address;
        try {
            address = InetAddress.getByName(c.address().trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address: not an IP address: " + c.address());
        }
        require(c.port() >= 1 && c.port() <= 65535, "port", "must be 1-65535, got " + c.port());
        require(c.session__expiration__time__minimum() >= 1, "session_expiration_time_minimum", "must be positive");
        require(c.session__expiration__time__minimum() <= c.session__expiration__time__default()
                        && c.session__expiration__time__default() <= c.session__expiration__time__maximum(),
                "session_expiration_time_default", "minimum <= default <= maximum does not hold ("
                        + c.session__expiration__time__minimum() + ", " + c.session__expiration__time__default() + ", "
                        + c.session__expiration__time__maximum() + ")");
        require(c.max__auth__attempts() >= 0, "max_auth_attempts", "must not be negative");
        require(c.auth__challenge__expiration__time() >= 1, "auth_challenge_expiration_time", "must be positive");
        require(c.unauthenticated__timeout() >= 1, "unauthenticated_timeout", "must be positive");
        require(c.idle__timeout() >= 0, "idle_timeout", "must not be negative");
        require(c.transaction__timeout() >= 1, "transaction_timeout", "must be positive");
        require(c.connect__timeout() >= 1, "connect_timeout", "must be positive");
        require(c.auth__lookup__timeout() >= 1, "auth_lookup_timeout", "must be positive");
        require(c.max__connections__per__address() >= 1, "max_connections_per_address", "must be positive");
        require(c.max__connections() >= 1, "max_connections", "must be positive");
        require(c.max__sessions() >= 1, "max_sessions", "must be positive");
        require(c.session__queue__bytes() >= 4096, "session_queue_bytes", "must be at least 4096");
        require(!c.backend().isBlank(), "backend", "must name a credential backend");
        String hostname = c.hostname().trim();
        require(hostname.isEmpty() || hostname.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]"), "hostname",
                "not a host name or bracketed IPv6 literal: " + hostname);
        ParserLimits limits;
        try {
            limits = new ParserLimits(c.max__start__line(), c.max__header__line(), c.max__header__bytes(),
                    c.max__headers(), c.max__path__uris(), c.max__non__send__body());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("max_*: " + e.getMessage());
        }
        return new RelaySettings(generation, address, c.port(), hostname, !c.debug__notls(), c.default__domain().trim(),
                c.backend().trim(), c.allow__other__methods(), c.max__auth__attempts(), c.allow__basic__auth(),
                Duration.ofSeconds(c.auth__challenge__expiration__time()), c.log__failed__auth(),
                c.session__expiration__time__minimum(), c.session__expiration__time__default(),
                c.session__expiration__time__maximum(), Duration.ofSeconds(c.unauthenticated__timeout()),
                c.idle__timeout(), Duration.ofSeconds(c.transaction__timeout()), Duration.ofSeconds(c.connect__timeout()),
                Duration.ofSeconds(c.auth__lookup__timeout()), c.max__connections__per__address(), c.max__connections(),
                c.max__sessions(), c.session__queue__bytes(), limits);
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + reason);
        }
    }

    /** Whether a change from {@code other} needs the listener rebound. */
    boolean sameListener(RelaySettings other) {
        return other != null && address.equals(other.address) && port == other.port && tls == other.tls;
    }
}
