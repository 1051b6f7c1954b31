package org.msrprelay.relay;

import java.util.Map;

/** JMX view of {@link RelayStatus}, registered as {@code org.msrprelay:type=Relay}. */
public interface RelayStatusMBean {
    Map<String, Long> getCounters();

    int getSessionCount();

    int getConnectionCount();

    boolean closeSession(String id);
}
