package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.msrprelay.auth.api.WritableCredentialStore;

/** {@code msrp:user-list [--backend NAME]}. */
@Service
@Command(scope = "msrp", name = "user-list", description = "Lists the accounts of a writable credential backend.")
public class UserListCommand extends UserCommandSupport {

    @Override
    protected void execute(String backendName, WritableCredentialStore store) throws Exception {
        Tables.accounts(backendName, store.listUsers()).print(System.out);
    }
}
