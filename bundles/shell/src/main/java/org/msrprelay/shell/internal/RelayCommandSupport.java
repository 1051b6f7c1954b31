package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.msrprelay.relay.RelayStatus;

/**
 * Base of the commands that read the running relay. The reference is optional: Karaf registers a
 * bundle's commands only when all mandatory references are there, and the {@code msrp:user-*}
 * commands must work while the relay is down.
 */
abstract class RelayCommandSupport implements Action {
    @Reference(optional = true)
    private RelayStatus relay;

    /** The relay; a clean command error when it is not running. */
    protected RelayStatus relay() throws CommandException {
        if (relay == null) {
            throw new CommandException("the MSRP relay is not running (no RelayStatus service)");
        }
        return relay;
    }
}
