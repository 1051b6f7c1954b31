package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.msrprelay.auth.api.WritableCredentialStore;

/** {@code msrp:user-remove [--backend NAME] USER@DOMAIN}. */
@Service
@Command(scope = "msrp", name = "user-remove", description = "Removes an account from a writable credential backend.")
public class UserRemoveCommand extends UserCommandSupport {

    @Argument(index = 0, name = "account", description = "The account, USER@DOMAIN.", required = true)
    private String account;

    @Override
    protected void execute(String backendName, WritableCredentialStore store) throws Exception {
        AccountName name = account(account);
        if (!store.removeUser(name.user(), name.domain())) {
            throw new CommandException("no account " + name + " in backend " + backendName);
        }
        System.out.println("Removed account " + name + " from backend " + backendName);
    }
}
