package org.msrprelay.auth.memory.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Config Admin with one configuration, enough for the memory backend; updates reach a listener as SCR's would. */
final class FakeConfigurationAdmin implements ConfigurationAdmin {
    final FakeConfiguration configuration = new FakeConfiguration();
    String requestedLocation;
    boolean failWrites;
    Consumer<Map<String, Object>> listener = props -> { };

    @Override
    public Configuration getConfiguration(String pid, String location) {
        if (!MemoryCredentialStore.PID.equals(pid)) {
            throw new UnsupportedOperationException(pid);
        }
        requestedLocation = location;
        return configuration;
    }

    @Override
    public Configuration getConfiguration(String pid) {
        throw new UnsupportedOperationException("the backend must use the multi-location variant");
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration[] listConfigurations(String filter) {
        throw new UnsupportedOperationException();
    }

    final class FakeConfiguration implements Configuration {
        Hashtable<String, Object> properties;
        int updates;

        @Override
        public String getPid() {
            return MemoryCredentialStore.PID;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return properties == null ? null : new Hashtable<>(properties);
        }

        @Override
        public void update(Dictionary<String, ?> next) throws IOException {
            if (failWrites) {
                throw new IOException("disk full");
            }
            Hashtable<String, Object> copy = new Hashtable<>();
            for (String key : Collections.list(next.keys())) {
                copy.put(key, next.get(key));
            }
            properties = copy;
            updates++;
            listener.accept(new HashMap<>(copy));
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getFactoryPid() {
            return null;
        }

        @Override
        public void update() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBundleLocation(String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getBundleLocation() {
            return "?";
        }

        @Override
        public long getChangeCount() {
            return updates;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return EnumSet.noneOf(ConfigurationAttribute.class);
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }
    }
}
