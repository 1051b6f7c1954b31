package org.msrprelay.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An MSRP URI (RFC 4975 section 6): {@code msrp[s]://[userinfo@]host[:port][/session-id];transport[;param]*}.
 * <p>
 * The text is kept exactly as received so that a relay re-emits the URIs of a path byte for byte;
 * {@link #equals(Object)} follows the comparison rules of RFC 4975 section 6.1: scheme, host and
 * transport compare case-insensitively, the port only matches an equal explicit port, the
 * session-id compares case-sensitively, userinfo and URI parameters are ignored.
 */
public final class MsrpUri {
    /** The IANA default MSRP port, used when a URI names no port (RFC 4975 section 6). */
    public static final int DEFAULT_PORT = 2855;

    private final String text;
    private final boolean secure;
    private final String userinfo;
    private final String host;
    private final int port;
    private final String sessionId;
    private final String transport;
    private final List<String> parameters;

    private MsrpUri(String text, boolean secure, String userinfo, String host, int port, String sessionId,
                    String transport, List<String> parameters) {
        this.text = text;
        this.secure = secure;
        this.userinfo = userinfo;
        this.host = host;
        this.port = port;
        this.sessionId = sessionId;
        this.transport = transport;
        this.parameters = parameters;
    }

    /**
     * Parses one URI.
     *
     * @throws MsrpSyntaxException when the text is not an MSRP URI
     */
    public static MsrpUri parse(String text) throws MsrpSyntaxException {
        // index arithmetic on the text, so that only the parts this object keeps become strings
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new MsrpSyntaxException("not an MSRP URI: " + text);
        }
        boolean secure;
        if (schemeEnd == 5 && text.regionMatches(true, 0, "msrps", 0, 5)) {
            secure = true;
        } else if (schemeEnd == 4 && text.regionMatches(true, 0, "msrp", 0, 4)) {
            secure = false;
        } else {
            throw new MsrpSyntaxException("unknown URI scheme: " + text);
        }
        int authStart = schemeEnd + 3;
        int semi = text.indexOf(';', authStart);
        if (semi < 0) {
            throw new MsrpSyntaxException("URI without transport: " + text);
        }
        int slash = text.indexOf('/', authStart);
        int authEnd = slash >= 0 && slash < semi ? slash : semi;
        String sessionId = null;
        if (authEnd == slash) {
            if (semi == slash + 1 || !Grammar.isSessionId(text, slash + 1, semi)) {
                throw new MsrpSyntaxException("bad session-id in URI: " + text);
            }
            sessionId = text.substring(slash + 1, semi);
        }
        int at = text.lastIndexOf('@', authEnd - 1);
        if (at < authStart) {
            at = -1;
        }
        String userinfo = at >= 0 ? text.substring(authStart, at) : null;
        int hostStart = at >= 0 ? at + 1 : authStart;
        int hostEnd;
        int portStart = -1;
        if (hostStart < authEnd && text.charAt(hostStart) == '[') {
            int close = text.indexOf(']', hostStart);
            if (close < 0 || close >= authEnd) {
                throw new MsrpSyntaxException("bad IPv6 literal in URI: " + text);
            }
            hostEnd = close + 1;
            if (hostEnd < authEnd) {
                if (text.charAt(hostEnd) != ':') {
                    throw new MsrpSyntaxException("bad authority in URI: " + text);
                }
                portStart = hostEnd + 1;
            }
        } else {
            int colon = text.indexOf(':', hostStart);
            hostEnd = colon >= 0 && colon < authEnd ? colon : authEnd;
            portStart = colon >= 0 && colon < authEnd ? colon + 1 : -1;
        }
        if (hostEnd == hostStart || !Grammar.isHost(text, hostStart, hostEnd)) {
            throw new MsrpSyntaxException("bad host in URI: " + text);
        }
        String host = text.substring(hostStart, hostEnd);
        int port = -1;
        if (portStart >= 0) {
            port = Grammar.parsePort(text, portStart, authEnd);
            if (port < 0) {
                throw new MsrpSyntaxException("bad port in URI: " + text);
            }
        }
        int transportEnd = text.indexOf(';', semi + 1);
        if (transportEnd < 0) {
            transportEnd = text.length();
        }
        if (transportEnd == semi + 1 || !Grammar.isAlphaNum(text, semi + 1, transportEnd)) {
            throw new MsrpSyntaxException("bad transport in URI: " + text);
        }
        String transport = transportEnd - semi - 1 == 3 && text.startsWith("tcp", semi + 1) ? "tcp"
                : text.substring(semi + 1, transportEnd);
        List<String> params = List.of();
        if (transportEnd < text.length()) {
            List<String> list = new ArrayList<>(2);
            for (int p = transportEnd + 1;; ) {
                int q = text.indexOf(';', p);
                int e = q < 0 ? text.length() : q;
                if (!Grammar.isUriParameter(text, p, e)) {
                    throw new MsrpSyntaxException("bad URI parameter in URI: " + text);
                }
                list.add(text.substring(p, e));
                if (q < 0) {
                    break;
                }
                p = q + 1;
            }
            params = List.copyOf(list);
        }
        return new MsrpUri(text, secure, userinfo, host, port, sessionId, transport, params);
    }

    /** Builds {@code msrp[s]://host:port/sessionId;tcp}. */
    public static MsrpUri of(boolean secure, String host, int port, String sessionId) {
        String text = (secure ? "msrps://" : "msrp://") + host + (port >= 0 ? ":" + port : "")
                + (sessionId != null ? "/" + sessionId : "") + ";tcp";
        try {
            return parse(text);
        } catch (MsrpSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code true} for {@code msrps}. */
    public boolean secure() {
        return secure;
    }

    /** The userinfo before {@code @}, or {@code null}. */
    public String userinfo() {
        return userinfo;
    }

    /** The host as written; an IPv6 literal keeps its brackets. */
    public String host() {
        return host;
    }

    /** The host without IPv6 brackets, for socket addresses. */
    public String socketHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The explicit port, or -1. */
    public int port() {
        return port;
    }

    /** The port to connect to: the explicit one or {@link #DEFAULT_PORT}. */
    public int effectivePort() {
        return port >= 0 ? port : DEFAULT_PORT;
    }

    /** The session-id, or {@code null}. */
    public String sessionId() {
        return sessionId;
    }

    /** The transport as written (normally {@code tcp}). */
    public String transport() {
        return transport;
    }

    /** URI parameters after the transport, as written. */
    public List<String> parameters() {
        return parameters;
    }

    /** Whether the transport is {@code tcp}, compared case-insensitively. */
    public boolean isTcp() {
        return transport.equalsIgnoreCase("tcp");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MsrpUri)) {
            return false;
        }
        MsrpUri u = (MsrpUri) o;
        return secure == u.secure && port == u.port && host.equalsIgnoreCase(u.host)
                && java.util.Objects.equals(sessionId, u.sessionId) && transport.equalsIgnoreCase(u.transport);
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(secure);
        h = 31 * h + host.toLowerCase(Locale.ROOT).hashCode();
        h = 31 * h + port;
        h = 31 * h + (sessionId == null ? 0 : sessionId.hashCode());
        return 31 * h + transport.toLowerCase(Locale.ROOT).hashCode();
    }

    /** The URI exactly as it was written. */
    @Override
    public String toString() {
        return text;
    }
}
