package org.msrprelay.relay.internal;

import org.msrprelay.relay.RelayStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A further, independent relay per factory configuration {@code org.msrprelay.relay.instance~NAME}
 * (same keys as {@code org.msrprelay.relay}): another listener with its own sessions, e.g. a plain
 * TCP port for peer relays inside a trusted network beside the public TLS one.
 */
@Component(immediate = true, configurationPid = "org.msrprelay.relay.instance",
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = RelayStatus.class)
@Designate(ocd = RelayConfig.class, factory = true)
public class RelayInstanceComponent extends RelayService {
}
