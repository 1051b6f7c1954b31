package org.msrprelay.relay;

import java.util.List;
import java.util.Map;

/**
 * The relay's live state for operators (Karaf shell, JMX): counters and the sessions it holds.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RelayStatus {
    /** Counters by name (connections, sessions, auth_ok, auth_failed, messages, bytes, errors_NNN, ...). */
    Map<String, Long> counters();

    /** A snapshot of the current sessions. */
    List<SessionInfo> sessions();

    /** Closes one session and its connections; false when no such session exists. */
    boolean closeSession(String id);

    /** One session as the operator sees it. */
    record SessionInfo(String id, String user, String realm, String clientAddress, String peerAddress, long ageSeconds,
                       long bytesFromClient, long bytesToClient, String state, long settingsGeneration,
                       long expiresInSeconds) {
    }
}
