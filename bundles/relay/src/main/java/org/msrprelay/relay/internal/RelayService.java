package org.msrprelay.relay.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.digest.DigestAuthenticator;
import org.msrprelay.relay.RelayStatus;
import org.msrprelay.relay.RelayStatusMBean;
import org.msrprelay.tls.TlsContextProvider;
import org.msrprelay.tls.TlsMaterial;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay: one MINA acceptor and connector for the component's life. {@code @Modified} swaps the
 * settings generation new connections capture and rebinds the listener when its address, port or
 * TLS mode moved; established connections keep everything they captured. The DS components
 * {@link RelayComponent} (PID {@code org.msrprelay.relay}) and {@link RelayInstanceComponent}
 * (factory PID {@code org.msrprelay.relay.instance}) are this class with their own configuration.
 */
public abstract class RelayService implements RelayStatus, RelayIoHandler.GenerationSource {
    private static final Logger LOG = LoggerFactory.getLogger(RelayService.class);
    private static final int MAX_NONCES = 100_000;

    private String pid = "org.msrprelay.relay";

    private volatile ProtocolCodecFactory codec;

    private volatile TlsContextProvider tls;
    private final Map<String, CredentialStore> stores = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    private RelayEngine engine;
    private SimpleIoProcessorPool<NioSession> processors;
    private NioSocketAcceptor acceptor;
    private NioSocketConnector connector;
    private volatile Generation base;
    private InetSocketAddress bound;
    private ObjectName mbeanName;

    /** Static and mandatory: the relay cannot frame MSRP without it. A bind method, as DS cannot inject a superclass field. */
    @Reference(target = "(protocol=msrp)")
    void bindCodec(ProtocolCodecFactory factory) {
        codec = factory;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTls(TlsContextProvider provider) {
        tls = provider;
    }

    void unbindTls(TlsContextProvider provider) {
        if (tls == provider) {
            tls = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(CredentialStore store, Map<String, Object> props) {
        Object name = props.get(CredentialStore.BACKEND_PROPERTY);
        if (name != null) {
            stores.put(name.toString(), store);
            LOG.info("credential backend '{}' available", name);
        }
    }

    void unbindStore(CredentialStore store, Map<String, Object> props) {
        Object name = props.get(CredentialStore.BACKEND_PROPERTY);
        if (name != null && stores.remove(name.toString(), store)) {
            LOG.info("credential backend '{}' gone", name);
        }
    }

    @Activate
    void activate(RelayConfig config, Map<String, Object> properties) {
        Object servicePid = properties.get("service.pid");
        if (servicePid != null) {
            pid = servicePid.toString();
        }
        RelaySettings s = RelaySettings.from(config, generations.incrementAndGet());
        checkHostname(s);
        engine = new RelayEngine(stores::get);
        processors = new SimpleIoProcessorPool<>(NioProcessor.class, Runtime.getRuntime().availableProcessors() + 1);
        RelayIoHandler handler = new RelayIoHandler(engine, codec, this);
        acceptor = new NioSocketAcceptor(processors);
        acceptor.setReuseAddress(true);
        acceptor.setCloseOnDeactivation(false);
        acceptor.setBacklog(1024);
        acceptor.setHandler(handler);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        connector = new NioSocketConnector(processors);
        connector.setHandler(handler);
        connector.getSessionConfig().setTcpNoDelay(true);
        engine.setConnector(connector);
        base = generation(s, null);
        InetSocketAddress addr = new InetSocketAddress(s.address(), s.port());
        try {
            acceptor.bind(addr);
            bound = addr;
            LOG.info("{}: MSRP relay listening on {} ({}), hostname {}", pid, MinaLink.text(addr), s.tls() ? "TLS" : "plain TCP, debug_notls",
                    s.tls() && s.hostname().isEmpty() ? "from the certificate" : base.hostname());
        } catch (IOException e) {
            LOG.error("{}: cannot listen on {}: {}; fix address/port and update the configuration", pid, MinaLink.text(addr),
                    e.getMessage());
        }
        registerMBean();
    }

    @Modified
    void modified(RelayConfig config) {
        RelaySettings s;
        try {
            s = RelaySettings.from(config, generations.get() + 1);
            checkHostname(s);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: configuration rejected, {}; the previous configuration stays in force", pid, e.getMessage());
            return;
        }
        Generation old = base;
        InetSocketAddress addr = new InetSocketAddress(s.address(), s.port());
        if (!addr.equals(bound)) {
            try {
                rebind(addr);
            } catch (IOException e) {
                LOG.error("{}: cannot listen on {}: {}; still listening on {} with the previous configuration", pid,
                        MinaLink.text(addr), e.getMessage(), bound == null ? "nothing" : MinaLink.text(bound));
                return;
            }
        }
        generations.incrementAndGet();
        base = generation(s, old);
        LOG.info("{}: configuration generation {} in force for new connections ({}, {})", pid, s.generation(),
                MinaLink.text(addr), s.tls() ? "TLS" : "plain TCP");
    }

    private synchronized void rebind(InetSocketAddress addr) throws IOException {
        InetSocketAddress old = bound;
        try {
            acceptor.bind(addr);
        } catch (IOException first) {
            if (old == null || old.getPort() != addr.getPort()) {
                throw first;
            }
            acceptor.unbind(old);
            try {
                acceptor.bind(addr);
            } catch (IOException second) {
                acceptor.bind(old);
                throw second;
            }
            bound = addr;
            return;
        }
        if (old != null) {
            acceptor.unbind(old);
        }
        bound = addr;
    }

    @Deactivate
    void deactivate() {
        unregisterMBean();
        acceptor.unbind();
        acceptor.dispose(true);
        connector.dispose(true);
        processors.dispose();
        engine.shutdown();
        LOG.info("MSRP relay stopped");
    }

    private Generation generation(RelaySettings s, Generation previous) {
        DigestAuthenticator digest = previous != null && previous.settings().nonceTtl().equals(s.nonceTtl())
                ? previous.digest() : new DigestAuthenticator(s.nonceTtl(), MAX_NONCES, Clock.systemUTC());
        // the address-derived host may enumerate interfaces: once per generation, not per connection
        return new Generation(s, digest, null, s.hostname().isEmpty() ? addressHost(s) : s.hostname());
    }

    private void checkHostname(RelaySettings s) {
        TlsMaterial m = currentTls(s);
        if (s.tls() && !s.hostname().isEmpty() && m != null && !m.coversHostname(s.hostname())) {
            throw new IllegalArgumentException("hostname: " + s.hostname() + " is not covered by the certificate (SANs "
                    + m.dnsNames() + ")");
        }
    }

    private TlsMaterial currentTls(RelaySettings s) {
        TlsContextProvider p = tls;
        return s.tls() && p != null ? p.current() : null;
    }

    @Override
    public Generation forNewConnection() {
        Generation b = base;
        TlsMaterial m = currentTls(b.settings());
        return new Generation(b.settings(), b.digest(), m, hostname(b, m));
    }

    @Override
    public TlsMaterial tlsForOutbound() {
        TlsContextProvider p = tls;
        return p != null ? p.current() : null;
    }

    /** SPEC: the configured hostname, else the certificate's first DNS SAN, else the base generation's address host. */
    private static String hostname(Generation base, TlsMaterial m) {
        if (base.settings().hostname().isEmpty() && m != null && !m.dnsNames().isEmpty()) {
            return m.dnsNames().get(0);
        }
        return base.hostname();
    }

    private static String addressHost(RelaySettings s) {
        InetAddress a = s.address().isAnyLocalAddress() ? primaryAddress() : s.address();
        return a instanceof Inet6Address ? "[" + a.getHostAddress().replaceAll("%.*$", "") + "]" : a.getHostAddress();
    }

    private static InetAddress primaryAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLinkLocalAddress() && !(a instanceof Inet6Address)) {
                        return a;
                    }
                }
            }
            return InetAddress.getLocalHost();
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    // ---- RelayStatus ---------------------------------------------------------------------------

    @Override
    public Map<String, Long> counters() {
        return engine.stats.snapshot(engine.connectionCount(), engine.sessionCount());
    }

    @Override
    public List<SessionInfo> sessions() {
        long now = System.currentTimeMillis();
        List<SessionInfo> out = new ArrayList<>();
        for (RelaySession s : engine.sessions()) {
            Link peer = s.peer();
            out.add(new SessionInfo(s.id, s.user, s.realm, s.client.link.remote(), peer == null ? "" : peer.remote(),
                    (now - s.createdAt) / 1000, s.bytesFromClient.sum(), s.bytesToClient.sum(), s.state(),
                    s.client.settings().generation(), Math.max(0, (s.expiresAt - now) / 1000)));
        }
        return out;
    }

    @Override
    public boolean closeSession(String id) {
        return engine.closeSession(id);
    }

    private void registerMBean() {
        try {
            mbeanName = mbeanName();
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(mbeanName)) {
                server.unregisterMBean(mbeanName);
            }
            server.registerMBean(new StandardMBean(new RelayStatusMBean() {
                @Override
                public Map<String, Long> getCounters() {
                    return counters();
                }

                @Override
                public int getSessionCount() {
                    return engine.sessionCount();
                }

                @Override
                public int getConnectionCount() {
                    return engine.connectionCount();
                }

                @Override
                public boolean closeSession(String id) {
                    return engine.closeSession(id);
                }
            }, RelayStatusMBean.class), mbeanName);
        } catch (Exception e) {
            LOG.warn("relay MBean not registered: {}", e.toString());
            mbeanName = null;
        }
    }

    /** {@code org.msrprelay:type=Relay} for the main relay, {@code ...,name=<factory alias or pid>} for further instances. */
    private ObjectName mbeanName() throws javax.management.MalformedObjectNameException {
        if (pid.equals("org.msrprelay.relay")) {
            return new ObjectName("org.msrprelay:type=Relay");
        }
        String name = pid.contains("~") ? pid.substring(pid.indexOf('~') + 1) : pid;
        return new ObjectName("org.msrprelay:type=Relay,name=" + ObjectName.quote(name));
    }

    private void unregisterMBean() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (Exception e) {
                LOG.debug("relay MBean already gone: {}", e.toString());
            }
        }
    }
}
