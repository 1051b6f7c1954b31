package org.msrprelay.codec;

import java.nio.ByteBuffer;

/** Body bytes of the message whose {@link MsrpHead} came before, in order. The buffer is owned by the receiver. */
public record MsrpBodySlice(ByteBuffer data) {
}
