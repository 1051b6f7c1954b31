package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code msrp:sessions}: the relay's sessions, youngest first. */
@Service
@Command(scope = "msrp", name = "sessions", description = "Lists the MSRP relay's sessions, youngest first.")
public class SessionsCommand extends RelayCommandSupport {

    @Override
    public Object execute() throws Exception {
        Tables.sessions(relay().sessions()).print(System.out);
        return null;
    }
}
