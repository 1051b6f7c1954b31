package org.msrprelay.bench.load;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What the relay process reports about itself: heap in use after a full GC and the relay MBean's
 * session count over JMX (Karaf's RMI connector), and the memory of its processes from /proc
 * (PSS, so that the shared memory of a multi-process relay such as Kamailio is not counted twice).
 */
final class RelayProbe implements AutoCloseable {
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final List<Integer> pids;

    RelayProbe(Options o) throws IOException {
        this.pids = o.pids();
        if (o.jmx().isEmpty()) {
            connector = null;
            server = null;
            return;
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(o.jmx()),
                Map.of(JMXConnector.CREDENTIALS, new String[] {o.jmxUser(), o.jmxPassword()}));
        server = connector.getMBeanServerConnection();
    }

    boolean hasJmx() {
        return server != null;
    }

    /** Heap bytes in use after full collections (the smallest of three readings), or -1 without JMX. */
    long heapAfterGc() throws Exception {
        if (server == null) {
            return -1;
        }
        ObjectName memory = new ObjectName("java.lang:type=Memory");
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            server.invoke(memory, "gc", null, null);
            Thread.sleep(300);
            MemoryUsage u = MemoryUsage.from((CompositeData) server.getAttribute(memory, "HeapMemoryUsage"));
            best = Math.min(best, u.getUsed());
        }
        return best;
    }

    /** The relay MBean's SessionCount, or -1 when it is not there. */
    long sessionCount() {
        if (server == null) {
            return -1;
        }
        try {
            return ((Number) server.getAttribute(new ObjectName("org.msrprelay:type=Relay"), "SessionCount")).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Proportional set size of the given processes in bytes (VmRSS where smaps_rollup is missing), or -1 without pids. */
    long memory() {
        if (pids.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (int pid : pids) {
            total += kib(Path.of("/proc", Integer.toString(pid), "smaps_rollup"), "Pss:")
                    .orElseGet(() -> kib(Path.of("/proc", Integer.toString(pid), "status"), "VmRSS:").orElse(0L)) * 1024;
        }
        return total;
    }

    /** CPU time (user + system) the given processes have used so far, in seconds, or -1 without pids. */
    static double cpuSeconds(List<Integer> pids) {
        if (pids.isEmpty()) {
            return -1;
        }
        long ticks = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks / 100.0;
    }

    private static java.util.Optional<Long> kib(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return java.util.Optional.of(Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() throws IOException {
        if (connector != null) {
            connector.close();
        }
    }
}
