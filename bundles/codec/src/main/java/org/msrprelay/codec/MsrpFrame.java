package org.msrprelay.codec;

import java.nio.ByteBuffer;

/**
 * A whole message that arrived within one read: head, body (empty when the head has no body) and
 * the end-line flag. The same message split over reads arrives instead as an {@link MsrpHead},
 * {@link MsrpBodySlice}s and an {@link MsrpEndLine}.
 */
public record MsrpFrame(MsrpHead head, ByteBuffer body, char flag) {
    public MsrpFrame {
        if (body == null) {
            body = ByteBuffer.allocate(0);
        }
    }
}
