package org.msrprelay.tls.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.msrprelay.tls.TlsContextProvider;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS component behind {@link TlsContextProvider}. It registers the service itself, and
 * only once material exists, for two reasons: DS would publish every configuration property,
 * {@code key_password} included, as a service property; and a relay started with broken
 * files recovers as soon as the files are fixed, without a restart.
 *
 * <p>All loading runs on one daemon thread: the first load, {@code @Modified}, and the
 * periodic file check.
 */
@Component(service = {}, configurationPid = TlsContextProviderComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = TlsConfig.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.msrprelay.tls.TlsContextProvider",
        uses = TlsContextProvider.class)
public final class TlsContextProviderComponent {

    static final String PID = "org.msrprelay.tls";
    static final String RELAY_PID = "org.msrprelay.relay";
    private static final Logger LOG = LoggerFactory.getLogger(TlsContextProviderComponent.class);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    /** Registers the provider and returns how to unregister it; a seam for tests. */
    interface Publisher {
        Runnable publish(TlsContextProvider provider);
    }

    private final MaterialManager manager;
    private final TlsContextProvider view;
    private final Publisher publisher;
    private final Path baseDirectory;
    private final ScheduledExecutorService executor;
    private final AtomicReference<Runnable> unpublish = new AtomicReference<>();
    private volatile boolean closed;
    private ScheduledFuture<?> pollTask;
    private int pollIntervalSeconds = -1;

    /**
     * Activates the component.
     *
     * @param context the bundle context, used to register the service and read the relay's host name
     * @param config the configuration of {@value #PID}
     */
    @Activate
    public TlsContextProviderComponent(BundleContext context, TlsConfig config) {
        this(config, provider -> register(context, provider), () -> relayHostname(context),
                TlsSettings.defaultBaseDirectory());
    }

    TlsContextProviderComponent(TlsConfig config, Publisher publisher, Supplier<String> relayHostname,
            Path baseDirectory) {
        this.manager = new MaterialManager(MaterialFactory::load, relayHostname);
        this.view = manager::current;
        this.publisher = publisher;
        this.baseDirectory = baseDirectory;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "msrprelay-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> apply(config));
    }

    /** Applies a changed configuration on the loader thread; new connections see the result. */
    @Modified
    void modified(TlsConfig config) {
        try {
            executor.execute(() -> apply(config));
        } catch (RejectedExecutionException e) {
            LOG.debug("TLS configuration change ignored: the component is stopping");
        }
    }

    /** Stops the loader thread and unregisters the service; established connections are unaffected. */
    @Deactivate
    void deactivate() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("TLS reload thread did not stop within {} s", STOP_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        withdraw();
    }

    private void apply(TlsConfig config) {
        TlsSettings settings;
        try {
            settings = TlsSettings.from(config, baseDirectory);
        } catch (TlsConfigException e) {
            LOG.error("TLS configuration of {} rejected: {}. {}", PID, e.getMessage(), manager.settings() == null
                    ? "No TLS material until it is fixed" : "The previous configuration stays in force");
            return;
        }
        manager.configure(settings);
        schedulePolling(settings.reloadIntervalSeconds());
        publishOnce();
    }

    private void poll() {
        try {
            manager.poll();
            publishOnce();
        } catch (RuntimeException e) {
            // Caught so the periodic task survives; an unexpected failure must not end reloading.
            LOG.error("TLS reload check failed", e);
        }
    }

    private void schedulePolling(int seconds) {
        if (seconds == pollIntervalSeconds) {
            return;
        }
        if (pollTask != null) {
            pollTask.cancel(false);
            pollTask = null;
        }
        pollIntervalSeconds = seconds;
        if (seconds > 0) {
            pollTask = executor.scheduleWithFixedDelay(this::poll, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    private void publishOnce() {
        if (closed || unpublish.get() != null || manager.current() == null) {
            return;
        }
        unpublish.set(publisher.publish(view));
        if (closed) {
            withdraw();
        }
    }

    private void withdraw() {
        Runnable action = unpublish.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    private static Runnable register(BundleContext context, TlsContextProvider provider) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, "MSRPRelay TLS material");
        ServiceRegistration<TlsContextProvider> registration =
                context.registerService(TlsContextProvider.class, provider, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("TLS provider service was already unregistered");
            }
        };
    }

    /** Reads {@code hostname} of {@value #RELAY_PID} without creating that configuration. */
    private static String relayHostname(BundleContext context) {
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = reference == null ? null : context.getService(reference);
        if (admin == null) {
            return "";
        }
        try {
            Configuration[] configurations = admin.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + RELAY_PID + ")");
            Dictionary<String, Object> properties = configurations == null ? null : configurations[0].getProperties();
            Object hostname = properties == null ? null : properties.get("hostname");
            return hostname == null ? "" : hostname.toString().trim();
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.debug("cannot read hostname of {}: {}", RELAY_PID, e.toString());
            return "";
        } finally {
            context.ungetService(reference);
        }
    }
}
