package org.msrprelay.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.msrprelay.relay.RelayStatus;
import org.msrprelay.relay.RelayStatus.SessionInfo;

/** Completes the ids of the relay's current sessions; nothing while the relay is down. */
@Service
public class SessionIdCompleter implements Completer {
    @Reference(optional = true)
    private RelayStatus relay;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> ids = relay == null ? List.of() : relay.sessions().stream().map(SessionInfo::id).toList();
        return new StringsCompleter(ids, true).complete(session, commandLine, candidates);
    }
}
