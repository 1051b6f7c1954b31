package org.msrprelay.codec;

import java.util.stream.Collectors;

/** {@link MsrpHead} has no {@code equals}; tests compare this complete description instead. */
final class Heads {
    private Heads() {
    }

    static String describe(MsrpHead h) {
        return "tid=" + h.transactionId()
                + (h.isRequest() ? " method=" + h.method() : " status=" + h.status() + " comment=" + h.comment())
                + " to=" + h.toPath().stream().map(MsrpUri::toString).collect(Collectors.toList())
                + " from=" + h.fromPath().stream().map(MsrpUri::toString).collect(Collectors.toList())
                + " headers=" + h.headers()
                + " hasBody=" + h.hasBody();
    }
}
