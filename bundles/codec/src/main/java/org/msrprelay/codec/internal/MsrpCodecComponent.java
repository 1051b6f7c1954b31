package org.msrprelay.codec.internal;

import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.msrprelay.codec.ParserLimits;
import org.msrprelay.codec.mina.MsrpCodecFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes the MSRP codec as a {@link ProtocolCodecFactory} service ({@code protocol=msrp}). The
 * relay sets its per-session limits through {@link MsrpCodecFactory#LIMITS}.
 */
@Component(service = ProtocolCodecFactory.class, property = "protocol=msrp")
public class MsrpCodecComponent extends DelegatingCodecFactory {
    public MsrpCodecComponent() {
        super(new MsrpCodecFactory(ParserLimits.DEFAULTS));
    }
}
