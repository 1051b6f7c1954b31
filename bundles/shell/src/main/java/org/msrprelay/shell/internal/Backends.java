package org.msrprelay.shell.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.msrprelay.auth.api.CredentialStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The credential backends installed: {@link CredentialStore} services by their
 * {@value CredentialStore#BACKEND_PROPERTY} property. Names are compared in Java rather than put
 * into an LDAP filter, so a name typed in the shell needs no escaping.
 */
final class Backends {
    private final BundleContext context;

    Backends(BundleContext context) {
        this.context = context;
    }

    /** The names of the installed backends, sorted. */
    SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        for (ServiceReference<CredentialStore> ref : references()) {
            String name = nameOf(ref);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** The backend named {@code name}; when several are, the one the framework ranks highest. */
    Optional<ServiceReference<CredentialStore>> find(String name) {
        return references().stream()
                .filter(ref -> name.equals(nameOf(ref)))
                .max(Comparator.naturalOrder());
    }

    /** The error for a backend name that no installed backend has. */
    static String unknownBackendMessage(String name, Collection<String> installed) {
        return "no credential backend named " + name + "; installed: "
                + (installed.isEmpty() ? "none" : String.join(", ", installed));
    }

    private Collection<ServiceReference<CredentialStore>> references() {
        try {
            return context.getServiceReferences(CredentialStore.class, null);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError("no filter was given", e);
        }
    }

    private static String nameOf(ServiceReference<?> ref) {
        Object name = ref.getProperty(CredentialStore.BACKEND_PROPERTY);
        return name instanceof String s ? s : null;
    }
}
