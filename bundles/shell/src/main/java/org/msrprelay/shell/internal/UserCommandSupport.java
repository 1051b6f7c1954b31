package org.msrprelay.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.CredentialStoreException;
import org.msrprelay.auth.api.WritableCredentialStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Base of the {@code msrp:user-*} commands: finds the writable backend named by {@code --backend}
 * (default: the relay's {@code backend} setting), holds its service for the command and turns
 * backend failures into command errors.
 */
abstract class UserCommandSupport implements Action {

    @Option(name = "--backend", aliases = "-b",
            description = "The credential backend (its msrprelay.backend name); default: the relay's backend setting.")
    @Completion(BackendNameCompleter.class)
    private String backend;

    @Reference
    private BundleContext context;

    @Reference
    private ConfigurationAdmin configAdmin;

    /**
     * Runs the command under a thread name without its arguments. Gogo names the thread after the
     * whole command line ({@code pipe-msrp:user-add alice@example.com PASSWORD}), and a backend
     * logging from this thread would write that name, password included, to the log.
     */
    @Override
    public final Object execute() throws Exception {
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("pipe-msrp:" + getClass().getAnnotation(Command.class).name());
        try {
            return executeOnBackend();
        } finally {
            thread.setName(threadName);
        }
    }

    private Object executeOnBackend() throws Exception {
        String name = backend != null ? backend : RelayBackendSetting.read(configAdmin);
        Backends backends = new Backends(context);
        ServiceReference<CredentialStore> ref = backends.find(name)
                .orElseThrow(() -> new CommandException(Backends.unknownBackendMessage(name, backends.names())));
        CredentialStore store = context.getService(ref);
        if (store == null) {
            throw new CommandException("credential backend " + name + " went away; try again");
        }
        try {
            if (!(store instanceof WritableCredentialStore writable)) {
                throw new CommandException("credential backend " + name
                        + " is read-only: its accounts are managed outside the relay");
            }
            execute(name, writable);
        } catch (CredentialStoreException e) {
            throw new CommandException("credential backend " + name + ": " + e.getMessage(), e);
        } finally {
            context.ungetService(ref);
        }
        return null;
    }

    /** Does the command's work on the backend named {@code backendName}. */
    protected abstract void execute(String backendName, WritableCredentialStore store) throws Exception;

    /** The {@code USER@DOMAIN} argument split; a command error when malformed. */
    protected static AccountName account(String text) throws CommandException {
        try {
            return AccountName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}
