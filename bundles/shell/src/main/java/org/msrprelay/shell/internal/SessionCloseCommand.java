package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

/** {@code msrp:session-close ID}: ends one session and its connections. */
@Service
@Command(scope = "msrp", name = "session-close", description = "Closes an MSRP relay session and its connections.")
public class SessionCloseCommand extends RelayCommandSupport {

    @Argument(index = 0, name = "id", description = "The session id, as msrp:sessions shows it.", required = true)
    @Completion(SessionIdCompleter.class)
    private String id;

    @Override
    public Object execute() throws Exception {
        if (!relay().closeSession(id)) {
            throw new CommandException("no session with id " + id);
        }
        System.out.println("Closed session " + id);
        return null;
    }
}
