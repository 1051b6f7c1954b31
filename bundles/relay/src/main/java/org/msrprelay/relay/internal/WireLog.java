package org.msrprelay.relay.internal;

import org.msrprelay.codec.Header;
import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire dump: {@code log:set TRACE org.msrprelay.wire}. Heads are logged with their headers,
 * except credential values; bodies only by size.
 */
final class WireLog {
    private static final Logger WIRE = LoggerFactory.getLogger("org.msrprelay.wire");

    private WireLog() {
    }

    static void log(String direction, Link link, Object m) {
        if (!WIRE.isTraceEnabled()) {
            return;
        }
        WIRE.trace("{} {} {}", direction, link.remote(), describe(m));
    }

    private static String describe(Object m) {
        if (m instanceof MsrpFrame) {
            MsrpFrame f = (MsrpFrame) m;
            return head(f.head()) + " body=" + f.body().remaining() + "B end=" + f.flag();
        }
        if (m instanceof MsrpHead) {
            return head((MsrpHead) m) + " (streaming)";
        }
        if (m instanceof MsrpBodySlice) {
            return "body slice " + ((MsrpBodySlice) m).data().remaining() + "B";
        }
        if (m instanceof MsrpEndLine) {
            MsrpEndLine e = (MsrpEndLine) m;
            return "-------" + e.transactionId() + e.flag();
        }
        return String.valueOf(m);
    }

    private static String head(MsrpHead h) {
        StringBuilder sb = new StringBuilder(h.toString());
        sb.append(" | To-Path: ").append(h.toPath()).append(" | From-Path: ").append(h.fromPath());
        for (Header x : h.headers()) {
            boolean secret = x.is("Authorization") || x.is("Proxy-Authorization");
            sb.append(" | ").append(x.name()).append(": ").append(secret ? "<hidden>" : x.value());
        }
        return sb.toString();
    }
}
