package org.msrprelay.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the real assembly (karaf-assembly/target/*.tar.gz) for each test class, on ports picked
 * free at run time and bound to 127.0.0.1 only. The relay runs plain TCP (debug_notls) on
 * {@link #relayPort()} with users alice, bob and carol @example.com, password "secret", unless a
 * subclass adds options.
 */
public abstract class KarafTestSupport {
    public static final String PASSWORD = "secret";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected ConfigurationAdmin configAdmin;

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The relay port chosen for this container; {@code @Configuration} runs in the test JVM, tests inside Karaf. */
    protected static int relayPort() {
        return Integer.getInteger("msrprelay.itest.port");
    }

    protected static Option[] baseOptions(Option... extra) {
        String dist = System.getProperty("msrprelay.dist");
        String karafVersion = System.getProperty("karaf.version", "4.4.10");
        int relayPort = freePort();
        List<Option> o = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(new File(dist).toURI().toString())
                        .name("msrprelay").unpackDirectory(new File("target/exam")).useDeployFolder(false),
                vmOptions("--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                        "--add-opens", "java.base/java.security=ALL-UNNAMED", "--add-opens", "java.base/java.net=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
                        "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                        "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED", "-Xmx512m"),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
                editConfigurationFilePut("etc/org.msrprelay.relay.cfg", "address", "127.0.0.1"),
                editConfigurationFilePut("etc/org.msrprelay.relay.cfg", "port", Integer.toString(relayPort)),
                editConfigurationFilePut("etc/org.msrprelay.relay.cfg", "hostname", "127.0.0.1"),
                editConfigurationFilePut("etc/org.msrprelay.relay.cfg", "debug_notls", "true"),
                editConfigurationFilePut("etc/org.msrprelay.relay.cfg", "default_domain", "example.com"),
                editConfigurationFilePut("etc/org.msrprelay.auth.memory.cfg", "alice@example.com", PASSWORD),
                editConfigurationFilePut("etc/org.msrprelay.auth.memory.cfg", "bob@example.com", PASSWORD),
                editConfigurationFilePut("etc/org.msrprelay.auth.memory.cfg", "carol@example.com", PASSWORD),
                systemProperty("msrprelay.itest.port").value(Integer.toString(relayPort)),
                // The assembly's boot features as a first stage: Pax Exam appends its own features (which
                // start the probe's remote bundle context) and they must not share a deploy with ours, whose
                // BouncyCastle refreshes Karaf's sshd while the probe would be resolving.
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot", "(" + bootFeatures(dist) + ")")));
        if (Boolean.getBoolean("msrprelay.keep")) {
            o.add(keepRuntimeFolder());
        }
        o.addAll(List.of(extra));
        return o.toArray(new Option[0]);
    }

    /** The featuresBoot list of the assembly next to the distribution archive. */
    private static String bootFeatures(String dist) {
        java.nio.file.Path cfg = java.nio.file.Path.of(dist).getParent().resolve("assembly/etc/org.apache.karaf.features.cfg");
        try {
            java.util.Properties p = new java.util.Properties();
            try (java.io.Reader r = java.nio.file.Files.newBufferedReader(cfg)) {
                p.load(r);
            }
            return p.getProperty("featuresBoot").replaceAll("\\s+", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + cfg, e);
        }
    }

    /** Waits up to {@code timeout} for a condition; fails the test with {@code what} otherwise. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Sets properties of a configuration (multi-location), creating it when absent. */
    protected void updateConfig(String pid, Object... keyValues) throws IOException {
        Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }

    protected MsrpTestClient client() throws IOException {
        return MsrpTestClient.connect("127.0.0.1", relayPort());
    }
}
