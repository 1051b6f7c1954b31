package org.msrprelay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.CredentialStoreException;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The JDBC credential backend in the assembly: installed as a feature next to the memory backend,
 * embedded Derby on disk under ${karaf.data}, accounts added from the shell, used by the relay, and
 * its behaviour when the bundle or the database goes away. Each test puts back what it changed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JdbcBackendIT extends KarafTestSupport {
    private static final String RELAY_PID = "org.msrprelay.relay";
    private static final String JDBC_PID = "org.msrprelay.auth.jdbc";
    private static final String GINA_PASSWORD = "pw";
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(60);

    @Inject
    protected FeaturesService features;

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Before
    public void jdbcBackendWithGina() throws Exception {
        features.installFeature("msrprelay-auth-jdbc");
        await("the jdbc CredentialStore service", SERVICE_WAIT, () -> store("jdbc") != null);
        // embedded Derby creates its database on first use; until then look-ups fail as "unavailable"
        await("the jdbc backend answering", SERVICE_WAIT, () -> {
            try {
                service("jdbc").lookup("nobody", "example.com");
                return true;
            } catch (org.msrprelay.auth.api.CredentialStoreException e) {
                return false;
            }
        });
        String out = shell("msrp:user-add --backend jdbc gina@example.com " + GINA_PASSWORD);
        assertTrue(out, out.contains("Stored account gina@example.com in backend jdbc"));
    }

    @Test
    public void anAccountAddedFromTheShellIsStoredAsHa1AndAuthenticatesThroughTheRelay() throws Exception {
        Credential gina = service("jdbc").lookup("gina", "example.com").orElseThrow(() -> new AssertionError("no gina"));
        assertFalse("HA1 mode stores no cleartext", gina.isCleartext());
        assertEquals(MsrpTestClient.md5("gina:example.com:" + GINA_PASSWORD), gina.ha1For("gina", "example.com"));
        assertEquals(Optional.empty(), service("jdbc").lookup("nobody", "example.com"));
        assertTrue(shell("msrp:user-list --backend jdbc").contains("gina@example.com"));
        assertEquals("the memory backend does not know gina", Optional.empty(),
                service("memory").lookup("gina", "example.com"));
        try {
            updateConfig(RELAY_PID, "backend", "jdbc");
            awaitAuthStatus("gina", GINA_PASSWORD, 200);
            assertEquals("alice lives in the memory backend only", 401, authStatus("alice", PASSWORD));
        } finally {
            useMemoryBackend();
        }
    }

    @Test
    public void accountsOutliveABundleRestartAndAnUpdateWhileTheMemoryBackendKeepsAnswering() throws Exception {
        Bundle jdbc = jdbcBundle();
        Path db = Path.of(System.getProperty("karaf.data"), "msrprelay");
        assertTrue("Derby keeps its files under ${karaf.data}/msrprelay", Files.isDirectory(db.resolve("seg0")));
        try {
            updateConfig(RELAY_PID, "backend", "jdbc");
            awaitAuthStatus("gina", GINA_PASSWORD, 200);

            assertTrue("Derby has the database booted", Files.exists(db.resolve("db.lck")));
            jdbc.stop();
            assertNull("stopping the bundle withdraws its service", store("jdbc"));
            assertFalse("Derby was shut down: its lock file is gone", Files.exists(db.resolve("db.lck")));
            assertTrue(service("memory").lookup("alice", "example.com").isPresent());
            long start = System.nanoTime();
            assertEquals("an AUTH with the configured backend gone gets a clear error", 500,
                    authStatus("gina", GINA_PASSWORD));
            assertTrue("and gets it at once", Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);

            jdbc.start();
            await("the jdbc service after start", SERVICE_WAIT, () -> store("jdbc") != null);
            assertGinaStored();
            awaitAuthStatus("gina", GINA_PASSWORD, 200);

            ServiceReference<CredentialStore> beforeUpdate = store("jdbc");
            shell("bundle:update " + jdbc.getBundleId());
            await("the jdbc service of the updated bundle", SERVICE_WAIT,
                    () -> store("jdbc") != null && !store("jdbc").equals(beforeUpdate));
            assertGinaStored();
        } finally {
            if (jdbc.getState() != Bundle.ACTIVE) {
                jdbc.start();
            }
            useMemoryBackend();
        }
    }

    @Test
    public void aDatabaseThatDoesNotAnswerFailsLookupsWithinTheConnectTimeoutAndTheBackendRecovers() throws Exception {
        Object originalUrl = configAdmin.getConfiguration(JDBC_PID, "?").getProperties().get("url");
        try (UnresponsiveDatabase down = new UnresponsiveDatabase()) {
            updateConfig(JDBC_PID, "url", down.url());
            // Karaf has no DataSourceFactory for the Derby network client (no pax-jdbc-derbyclient).
            await("the network URL in force", SERVICE_WAIT, () -> lookupFailure().contains("no JDBC driver"));

            down.register(bundleContext);
            long start = System.nanoTime();
            String failure = lookupFailure();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(failure, failure.contains("unavailable (timed out)"));
            assertTrue("failed after " + took.toMillis() + " ms; connect_timeout_seconds is 3",
                    took.toMillis() >= 2_500 && took.toMillis() < 8_000);

            updateConfig(RELAY_PID, "backend", "jdbc");
            await("the relay uses the jdbc backend", SERVICE_WAIT, () -> authStatusQuietly("alice", PASSWORD) == 500);
            start = System.nanoTime();
            assertEquals(500, authStatus("gina", GINA_PASSWORD));
            assertTrue("the relay answered within auth_lookup_timeout",
                    Duration.ofNanos(System.nanoTime() - start).toSeconds() < 8);
        } finally {
            updateConfig(JDBC_PID, "url", originalUrl == null ? "" : originalUrl);
            await("gina found again on the embedded database", SERVICE_WAIT, () -> {
                try {
                    return service("jdbc").lookup("gina", "example.com").isPresent();
                } catch (CredentialStoreException e) {
                    return false;
                }
            });
            useMemoryBackend();
        }
    }

    private void assertGinaStored() throws CredentialStoreException {
        Credential gina = service("jdbc").lookup("gina", "example.com")
                .orElseThrow(() -> new AssertionError("gina is gone"));
        assertEquals(MsrpTestClient.md5("gina:example.com:" + GINA_PASSWORD), gina.ha1For("gina", "example.com"));
    }

    /** Looks gina up on the jdbc backend, which must fail; returns the failure's message. */
    private String lookupFailure() {
        try {
            Optional<Credential> found = service("jdbc").lookup("gina", "example.com");
            return "no failure: " + found;
        } catch (CredentialStoreException e) {
            return e.getMessage();
        }
    }

    private void useMemoryBackend() throws Exception {
        updateConfig(RELAY_PID, "backend", "memory");
        awaitAuthStatus("alice", PASSWORD, 200);
    }

    private void awaitAuthStatus(String user, String password, int status) throws InterruptedException {
        await("AUTH as " + user + " answered " + status, Duration.ofSeconds(30),
                () -> authStatusQuietly(user, password) == status);
    }

    private int authStatusQuietly(String user, String password) {
        try {
            return authStatus(user, password);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The final status of an AUTH on a fresh connection. */
    private int authStatus(String user, String password) throws IOException {
        String relay = "msrp://127.0.0.1:" + relayPort() + ";tcp";
        try (MsrpTestClient c = client()) {
            Frame f = c.authenticate(relay, user, "example.com", password, null, false);
            return f.status();
        }
    }

    private Bundle jdbcBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.msrprelay.auth.jdbc".equals(b.getSymbolicName())) {
                return b;
            }
        }
        fail("no org.msrprelay.auth.jdbc bundle");
        return null;
    }

    private CredentialStore service(String backend) {
        ServiceReference<CredentialStore> ref = store(backend);
        assertNotNull("no " + backend + " backend", ref);
        return bundleContext.getService(ref);
    }

    private ServiceReference<CredentialStore> store(String backend) {
        try {
            var refs = bundleContext.getServiceReferences(CredentialStore.class,
                    "(" + CredentialStore.BACKEND_PROPERTY + "=" + backend + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Runs a Karaf shell command line with the roles of Karaf's admingroup (bundle:update is guarded
     * by a command ACL); returns what it printed.
     */
    private String shell(String command) throws Exception {
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("itest"));
        for (String role : List.of("admin", "manager", "viewer", "systembundles")) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Session s = sessionFactory.create(new ByteArrayInputStream(new byte[0]), ps, ps);
            try {
                Object result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> s.execute(command));
                if (result != null) {
                    ps.println(result);
                }
            } catch (PrivilegedActionException e) {
                throw e.getException();
            } finally {
                s.close();
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
