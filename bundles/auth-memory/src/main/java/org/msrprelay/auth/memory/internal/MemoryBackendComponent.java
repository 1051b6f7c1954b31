package org.msrprelay.auth.memory.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.WritableCredentialStore;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the memory backend with the single service property {@code msrprelay.backend=memory}.
 * A DS service would carry every configuration property, i.e. every password, into
 * {@code service:list}; registering the store ourselves keeps them out.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.msrprelay.auth.api.CredentialStore,org.msrprelay.auth.api.WritableCredentialStore\"",
        uses = CredentialStore.class)
@Component(service = {}, immediate = true, configurationPid = MemoryCredentialStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MemoryConfig.class)
public final class MemoryBackendComponent {
    private final MemoryCredentialStore store;
    private final ServiceRegistration<?> registration;

    @Activate
    public MemoryBackendComponent(BundleContext context, @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                                  Map<String, Object> properties) {
        this.store = new MemoryCredentialStore(configAdmin, properties);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CredentialStore.BACKEND_PROPERTY, "memory");
        this.registration = context.registerService(
                new String[] {CredentialStore.class.getName(), WritableCredentialStore.class.getName()}, store, props);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        store.modified(properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
