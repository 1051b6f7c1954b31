package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code msrp:stats}: the relay's counters by name. */
@Service
@Command(scope = "msrp", name = "stats",
        description = "Shows the MSRP relay's counters: connections, sessions, AUTH outcomes, messages and bytes relayed, errors by status code.")
public class StatsCommand extends RelayCommandSupport {

    @Override
    public Object execute() throws Exception {
        Tables.counters(relay().counters()).print(System.out);
        return null;
    }
}
