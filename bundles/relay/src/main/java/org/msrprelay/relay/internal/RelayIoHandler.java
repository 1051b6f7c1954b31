package org.msrprelay.relay.internal;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.msrprelay.codec.mina.MsrpCodecFactory;
import org.msrprelay.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MINA side: builds each session's filter chain (TLS first, then the MSRP codec) from the
 * settings captured at accept or connect, and turns MINA events into {@link RelayEngine} calls.
 * Nothing here blocks.
 */
final class RelayIoHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayIoHandler.class);
    static final AttributeKey CONNECTION = new AttributeKey(RelayIoHandler.class, "connection");
    private static final AttributeKey OUTBOUND = new AttributeKey(RelayIoHandler.class, "outbound");

    private final RelayEngine engine;
    private final ProtocolCodecFactory codec;
    private final GenerationSource generations;

    /** Supplies the generation a new inbound connection captures (null while the relay cannot accept). */
    interface GenerationSource {
        Generation forNewConnection();

        TlsMaterial tlsForOutbound();
    }

    RelayIoHandler(RelayEngine engine, ProtocolCodecFactory codec, GenerationSource generations) {
        this.engine = engine;
        this.codec = codec;
        this.generations = generations;
    }

    /** Runs before sessionCreated for a connection the relay opens. */
    static void prepareOutbound(IoSession session, Connection c) {
        session.setAttribute(OUTBOUND, c);
    }

    @Override
    public void sessionCreated(IoSession session) {
        Connection c = (Connection) session.getAttribute(OUTBOUND);
        if (c != null) {
            createdOutbound(session, c);
            return;
        }
        Generation gen = generations.forNewConnection();
        MinaLink link = new MinaLink(session, gen != null && gen.settings().tls());
        if (gen == null || (gen.settings().tls() && gen.tls() == null)) {
            LOG.warn("connection refused: peer={} reason=TLS is on but no certificate is available", link.remote());
            session.closeNow();
            return;
        }
        c = engine.admit(link, gen);
        if (c == null) {
            session.closeNow();
            return;
        }
        configure(session, c);
        if (gen.settings().tls()) {
            SslFilter ssl = new SslFilter(gen.tls().serverContext());
            ssl.setEnabledProtocols(gen.tls().enabledProtocols());
            ssl.setEnabledCipherSuites(gen.tls().enabledCipherSuites());
            session.getFilterChain().addFirst("tls", ssl);
        }
    }

    private void createdOutbound(IoSession session, Connection c) {
        configure(session, c);
        if (c.link.secure()) {
            TlsMaterial tls = c.gen.tls() != null ? c.gen.tls() : generations.tlsForOutbound();
            if (tls == null) {
                LOG.warn("outbound connection to {} needs TLS but no TLS material is available", c.link.remote());
                session.closeNow();
                return;
            }
            MinaLink link = (MinaLink) c.link;
            SslFilter ssl = new SslFilter(tls.clientContext()) {
                /** The engine names the next hop as its URI does (SNI, and the host checked with verify_peer), not by IP. */
                @Override
                protected javax.net.ssl.SSLEngine createEngine(IoSession s, java.net.InetSocketAddress addr) {
                    return super.createEngine(s, java.net.InetSocketAddress.createUnresolved(link.peerHost, link.peerPort));
                }
            };
            ssl.setEnabledProtocols(tls.enabledProtocols());
            ssl.setEnabledCipherSuites(tls.enabledCipherSuites());
            session.getFilterChain().addFirst("tls", ssl);
        }
        ((MinaLink) c.link).attach(session);
    }

    private void configure(IoSession session, Connection c) {
        session.setAttribute(CONNECTION, c);
        session.setAttribute(MsrpCodecFactory.LIMITS, c.settings().limits());
        if (session.getConfig() instanceof SocketSessionConfig) {
            ((SocketSessionConfig) session.getConfig()).setTcpNoDelay(true);
        }
        int idle = c.settings().idleTimeoutSeconds();
        if (idle > 0) {
            session.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, idle);
        }
        session.getFilterChain().addLast("msrp", new ProtocolCodecFilter(codec));
    }

    private static Connection connection(IoSession session) {
        return (Connection) session.getAttribute(CONNECTION);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        Connection c = connection(session);
        if (c != null) {
            engine.received(c, message);
        }
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        Connection c = connection(session);
        if (c != null) {
            c.link.writer.drained(c.settings().sessionQueueBytes());
        }
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        Connection c = connection(session);
        LOG.info("closing connection: peer={} reason=idle for {} s", c != null ? c.link.remote() : session.getRemoteAddress(),
                session.getConfig().getBothIdleTime());
        session.closeNow();
    }

    @Override
    public void sessionClosed(IoSession session) {
        Connection c = connection(session);
        if (c != null) {
            if (c.link instanceof MinaLink) {
                ((MinaLink) c.link).markClosed();
            }
            engine.closed(c);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        Connection c = connection(session);
        String peer = c != null ? c.link.remote() : String.valueOf(session.getRemoteAddress());
        if (cause instanceof java.io.IOException || cause instanceof javax.net.ssl.SSLException
                || cause.getCause() instanceof javax.net.ssl.SSLException) {
            LOG.info("closing connection: peer={} reason={}", peer, cause.toString());
        } else {
            LOG.warn("closing connection: peer={} reason=unexpected error", peer, cause);
        }
        session.closeNow();
    }

    @Override
    public void inputClosed(IoSession session) {
        session.closeOnFlush();
    }
}
