package org.msrprelay.relay.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;

import org.msrprelay.codec.MsrpUri;

/**
 * An authenticated relay allocation (RFC 4976 section 5): the URI handed out in Use-Path, the
 * client's connection and path, and once bound the far side's path and the link towards it.
 */
final class RelaySession {
    final String id;
    final String user;
    final String realm;
    final MsrpUri relayUri;
    final Connection client;
    final List<MsrpUri> clientPath;
    final List<MsrpUri> towardsClient;
    final long createdAt = System.currentTimeMillis();
    final LongAdder bytesFromClient = new LongAdder();
    final LongAdder bytesToClient = new LongAdder();
    final LongAdder messagesFromClient = new LongAdder();
    final LongAdder messagesToClient = new LongAdder();
    final Set<String> abortedMessageIds = ConcurrentHashMap.newKeySet();

    volatile long expiresAt;
    volatile boolean expired;
    volatile boolean closed;
    ScheduledFuture<?> expiryTimer;

    /** The path beyond this relay towards the far side, fixed by the first routed request. */
    private List<MsrpUri> farPath;
    private Link peer;

    RelaySession(String id, String user, String realm, MsrpUri relayUri, Connection client, List<MsrpUri> clientPath) {
        this.id = id;
        this.user = user;
        this.realm = realm;
        this.relayUri = relayUri;
        this.client = client;
        this.clientPath = List.copyOf(clientPath);
        List<MsrpUri> rev = new ArrayList<>(clientPath);
        Collections.reverse(rev);
        this.towardsClient = List.copyOf(rev);
    }

    /** Counts one relayed message towards or from the client. */
    void countMessage(boolean towardsClient) {
        (towardsClient ? messagesToClient : messagesFromClient).increment();
    }

    /** Counts relayed body bytes towards or from the client. */
    void countBytes(boolean towardsClient, long n) {
        (towardsClient ? bytesToClient : bytesFromClient).add(n);
    }

    synchronized List<MsrpUri> farPath() {
        return farPath;
    }

    synchronized Link peer() {
        return peer;
    }

    /** Binds the far side if unbound; returns the far path in force. */
    synchronized List<MsrpUri> bindFarPath(List<MsrpUri> path) {
        if (farPath == null) {
            farPath = List.copyOf(path);
        }
        return farPath;
    }

    synchronized void setPeer(Link link) {
        peer = link;
    }

    synchronized boolean setPeerIfAbsent(Link link) {
        if (peer == null) {
            peer = link;
            return true;
        }
        return false;
    }

    String state() {
        if (closed) {
            return "CLOSED";
        }
        if (expired) {
            return "EXPIRED";
        }
        return peer() == null ? "UNBOUND" : "BOUND";
    }
}
