package org.msrprelay.shell.internal;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.msrprelay.auth.api.WritableCredentialStore;

/**
 * {@code msrp:user-add [--backend NAME] USER@DOMAIN [PASSWORD]}. The password is censored on the
 * console line and in the history, prompted for without echo when left out, and never printed.
 */
@Service
@Command(scope = "msrp", name = "user-add",
        description = "Adds an account to a writable credential backend, or sets its password. "
                + "The backend stores the RFC 2617 HA1 unless it is in cleartext mode.")
public class UserAddCommand extends UserCommandSupport {
    private static final Character MASK = '*';

    @Argument(index = 0, name = "account", description = "The account, USER@DOMAIN.", required = true)
    private String account;

    @Argument(index = 1, name = "password", description = "The password; prompted for when left out.", censor = true)
    private String password;

    @Reference
    private Session session;

    @Override
    protected void execute(String backendName, WritableCredentialStore store) throws Exception {
        AccountName name = account(account);
        store.addUser(name.user(), name.domain(), readPassword());
        System.out.println("Stored account " + name + " in backend " + backendName);
    }

    private String readPassword() throws CommandException, IOException {
        try {
            if (password != null) {
                return Passwords.given(password);
            }
            String first = session.readLine("Password: ", MASK);
            String second = first == null ? null : session.readLine("Password again: ", MASK);
            return Passwords.confirmed(first, second);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            // a session without a terminal (ssh exec, batch) cannot prompt
            throw new CommandException("this session cannot prompt for the password; give it as the second argument", e);
        }
    }
}
