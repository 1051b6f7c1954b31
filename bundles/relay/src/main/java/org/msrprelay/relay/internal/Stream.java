package org.msrprelay.relay.internal;

import org.msrprelay.codec.ByteRange;
import org.msrprelay.codec.MsrpHead;

/**
 * A SEND chunk being forwarded while it arrives (cut-through). If another message must go out on
 * the same link mid-chunk, the writer ends the current piece with {@code +} and later continues
 * with a new transaction whose Byte-Range starts after the bytes already sent (RFC 4975 section 7.1).
 */
final class Stream {
    final Connection source;
    final MsrpHead upstream;
    final MsrpHead outHead;
    final ByteRange range;
    final Link target;
    final PendingTx tx;
    final RelaySession session;
    final boolean towardsClient;

    String pieceTid;
    boolean open;
    long sent;
    long received;
    boolean done;
    volatile boolean abortedByPeer;

    Stream(Connection source, MsrpHead upstream, MsrpHead outHead, ByteRange range, Link target, PendingTx tx,
           RelaySession session, boolean towardsClient) {
        this.source = source;
        this.session = session;
        this.towardsClient = towardsClient;
        this.upstream = upstream;
        this.outHead = outHead;
        this.range = range;
        this.target = target;
        this.tx = tx;
        this.pieceTid = outHead.transactionId();
    }
}
