package org.msrprelay.codec.mina;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.msrprelay.codec.ParserLimits;

/**
 * MSRP for a MINA filter chain. Each session gets its own decoder; its limits come from the
 * session attribute {@link #LIMITS} when set before the first read (a relay puts its per-session
 * settings snapshot there), else from the factory's defaults.
 */
public final class MsrpCodecFactory implements ProtocolCodecFactory {
    /** Session attribute holding the {@link ParserLimits} for that session. */
    public static final AttributeKey LIMITS = new AttributeKey(MsrpCodecFactory.class, "limits");

    private static final AttributeKey DECODER = new AttributeKey(MsrpCodecFactory.class, "decoder");

    private final ParserLimits defaults;
    private final MsrpProtocolEncoder encoder = new MsrpProtocolEncoder();

    public MsrpCodecFactory(ParserLimits defaults) {
        this.defaults = defaults;
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    /**
     * The session's decoder. MINA's ProtocolCodecFilter asks for it on every read, so it is kept in a
     * session attribute: the parser state must survive from one read to the next.
     */
    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        Object decoder = session.getAttribute(DECODER);
        if (decoder == null) {
            Object limits = session.getAttribute(LIMITS);
            decoder = new MsrpProtocolDecoder(limits instanceof ParserLimits ? (ParserLimits) limits : defaults);
            Object raced = session.setAttributeIfAbsent(DECODER, decoder);
            if (raced != null) {
                decoder = raced;
            }
        }
        return (ProtocolDecoder) decoder;
    }
}
