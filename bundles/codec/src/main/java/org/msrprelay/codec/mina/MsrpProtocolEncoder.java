package org.msrprelay.codec.mina;

import java.nio.ByteBuffer;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEncoder;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;

/** Stateless: one shared instance. A whole {@link MsrpFrame} becomes a single buffer, so a single write. */
final class MsrpProtocolEncoder extends ProtocolEncoderAdapter {
    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        if (message instanceof MsrpFrame) {
            MsrpFrame f = (MsrpFrame) message;
            byte[] head = MsrpEncoder.head(f.head());
            byte[] end = MsrpEncoder.endLine(f.head().transactionId(), f.flag(), f.head().hasBody());
            ByteBuffer body = f.body().duplicate();
            IoBuffer buf = IoBuffer.allocate(head.length + body.remaining() + end.length, false);
            buf.put(head).put(body).put(end).flip();
            out.write(buf);
        } else if (message instanceof MsrpHead) {
            out.write(IoBuffer.wrap(MsrpEncoder.head((MsrpHead) message)));
        } else if (message instanceof MsrpBodySlice) {
            out.write(IoBuffer.wrap(((MsrpBodySlice) message).data().duplicate()));
        } else if (message instanceof MsrpEndLine) {
            MsrpEndLine e = (MsrpEndLine) message;
            out.write(IoBuffer.wrap(MsrpEncoder.endLine(e.transactionId(), e.flag(), e.afterBody())));
        } else {
            throw new IllegalArgumentException("not an MSRP message: " + message.getClass().getName());
        }
    }
}
