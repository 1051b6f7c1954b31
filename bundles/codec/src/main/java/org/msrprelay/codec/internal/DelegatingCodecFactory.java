package org.msrprelay.codec.internal;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** Keeps the DS component class free of codec logic: every call goes to the real factory. */
class DelegatingCodecFactory implements ProtocolCodecFactory {
    private final ProtocolCodecFactory delegate;

    DelegatingCodecFactory(ProtocolCodecFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) throws Exception {
        return delegate.getEncoder(session);
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) throws Exception {
        return delegate.getDecoder(session);
    }
}
