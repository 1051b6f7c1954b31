package org.msrprelay.shell.internal;

import java.io.IOException;
import java.util.Dictionary;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The relay's {@code backend} setting (PID {@value #PID}), the default of the {@code --backend}
 * option of the {@code msrp:user-*} commands.
 */
final class RelayBackendSetting {
    static final String PID = "org.msrprelay.relay";
    static final String KEY = "backend";
    /** The relay's own default when its configuration has no {@code backend}. */
    static final String DEFAULT = "memory";

    private static final String PID_FILTER = "(" + Constants.SERVICE_PID + "=" + PID + ")";

    private RelayBackendSetting() {
    }

    /**
     * Reads the setting. Lists configurations rather than calling {@code getConfiguration}, which
     * would create an empty configuration for the relay's PID when there is none.
     */
    static String read(ConfigurationAdmin configAdmin) throws IOException, InvalidSyntaxException {
        Configuration[] configs = configAdmin.listConfigurations(PID_FILTER);
        return fromProperties(configs == null || configs.length == 0 ? null : configs[0].getProperties());
    }

    /** The trimmed {@code backend} value of the relay's properties, or {@link #DEFAULT} when absent or blank. */
    static String fromProperties(Dictionary<String, ?> properties) {
        Object value = properties == null ? null : properties.get(KEY);
        String name = value == null ? "" : value.toString().trim();
        return name.isEmpty() ? DEFAULT : name;
    }
}
