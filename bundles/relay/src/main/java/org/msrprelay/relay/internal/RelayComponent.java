package org.msrprelay.relay.internal;

import org.msrprelay.relay.RelayStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/** The relay configured by PID {@code org.msrprelay.relay} (SPEC section 2). */
@Component(immediate = true, configurationPid = "org.msrprelay.relay", service = RelayStatus.class)
@Designate(ocd = RelayConfig.class)
public class RelayComponent extends RelayService {
}
