package org.msrprelay.codec.mina;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpParseException;
import org.msrprelay.codec.MsrpParser;
import org.msrprelay.codec.ParserLimits;

/**
 * Feeds each read to the session's {@link MsrpParser}. A message that starts and ends within one
 * read (up to {@link #COALESCE_MAX} body bytes) is emitted as one {@link MsrpFrame}; anything longer
 * streams out as head, slices and end-line at the end of each read, so memory stays bounded by the
 * read size whatever the message size.
 */
final class MsrpProtocolDecoder extends ProtocolDecoderAdapter implements MsrpParser.Handler {
    static final int COALESCE_MAX = 64 * 1024;

    private final MsrpParser parser;
    private ProtocolDecoderOutput out;
    private MsrpHead current;
    private boolean headSent;
    private byte[] pending = new byte[0];
    private int pendingLen;

    MsrpProtocolDecoder(ParserLimits limits) {
        this.parser = new MsrpParser(limits, this);
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput output) {
        out = output;
        try {
            parser.parse(in.buf());
            flushPartial();
        } finally {
            out = null;
        }
    }

    @Override
    public void onHead(MsrpHead head) {
        current = head;
        headSent = false;
        pendingLen = 0;
    }

    @Override
    public void onBody(ByteBuffer slice) {
        int n = slice.remaining();
        if (!headSent && pendingLen + n <= COALESCE_MAX) {
            if (pendingLen + n > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pendingLen + n, Math.min(COALESCE_MAX, pending.length * 2 + 256)));
            }
            slice.get(pending, pendingLen, n);
            pendingLen += n;
            return;
        }
        flushPartial();
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(slice).flip();
        out.write(new MsrpBodySlice(copy));
    }

    @Override
    public void onEnd(char flag) {
        if (!headSent) {
            out.write(new MsrpFrame(current, ByteBuffer.wrap(Arrays.copyOf(pending, pendingLen)), flag));
        } else {
            out.write(new MsrpEndLine(current.transactionId(), flag, current.hasBody()));
        }
        current = null;
        pendingLen = 0;
    }

    @Override
    public void onError(MsrpParseException error) {
        flushPartial();
        current = null;
        out.write(error);
    }

    /** Emits what has been held of a message that did not end within this read. */
    private void flushPartial() {
        if (current == null || headSent) {
            return;
        }
        out.write(current);
        headSent = true;
        if (pendingLen > 0) {
            out.write(new MsrpBodySlice(ByteBuffer.wrap(Arrays.copyOf(pending, pendingLen))));
            pendingLen = 0;
        }
        if (pending.length > 4096) {
            pending = new byte[0];
        }
    }
}
