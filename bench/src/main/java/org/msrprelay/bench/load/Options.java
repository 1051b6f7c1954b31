package org.msrprelay.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of {@link LoadTool}: {@code MODE --key value ... [--flag]}. Sizes accept the
 * suffixes k, m, g (powers of 1024); durations are seconds (fractions allowed).
 */
record Options(String mode, String host, int port, boolean tls, List<String> users, String password, String realm,
               boolean digestUri, int pairs, int window, double duration, double warmup, long size, long chunk,
               boolean raw, int sinkPort, int concurrency, int sessions, double hold, double settle, String jmx,
               String jmxUser, String jmxPassword, List<Integer> pids, int threads, String label, double timeout,
               boolean textBody) {

    static final String USAGE = String.join("\n",
            "usage: java -cp msrprelay-bench.jar org.msrprelay.bench.load.LoadTool MODE [options]",
            "modes:",
            "  msgs   N session pairs, W outstanding SENDs per pair: msgs/s, latency of the relay's 200 and end to end",
            "  bulk   N pairs stream messages of --size in chunks of --chunk (one transaction each): MB/s",
            "         --raw: plain bytes through a TCP pipe (e.g. socat) into a sink this tool listens on (--sink-port)",
            "  auth   AUTH handshakes (401, digest, 200) over fresh connections, --concurrency at a time: AUTH/s",
            "  idle   hold --sessions authenticated sessions; relay heap per session (--jmx) and RSS delta (--pid)",
            "options (defaults):",
            "  --host 127.0.0.1 --port 2855 --tls (off; trusts any certificate)",
            "  --users alice,bob,carol | --users u%d:1000   --password secret --realm example.com",
            "  --digest-uri include|omit (include)",
            "  --pairs 8 --window 8 --duration 10 --warmup 2 --size 64 (msgs body; bulk: 16m message) --chunk 8k",
            "  --body binary|text (bulk bodies: random bytes, or letters)",
            "  --raw --sink-port 0   --concurrency 16 --sessions 10000 --hold 0 --settle 2",
            "  --jmx URL --jmx-user karaf --jmx-password karaf --pid PID[,PID...]",
            "  --threads 1 (event loops)  --label NAME (echoed in the result line)  --timeout S (hard stop; default derived)");

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("missing MODE");
        }
        String mode = args[0].toLowerCase(Locale.ROOT);
        if (!List.of("msgs", "bulk", "auth", "idle").contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                m.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (key.equals("tls") || key.equals("raw")) {
                m.put(key, "true");
            } else if (i + 1 < args.length) {
                m.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        Options o = new Options(mode, str(m, "host", "127.0.0.1"), (int) num(m, "port", 2855), bool(m, "tls"),
                users(str(m, "users", "alice,bob,carol")), str(m, "password", "secret"), str(m, "realm", "example.com"),
                digestUri(str(m, "digest-uri", "include")), (int) num(m, "pairs", 8), (int) num(m, "window", 8),
                secs(m, "duration", 10), secs(m, "warmup", 2), size(m, "size", mode.equals("bulk") ? "16m" : "64"),
                size(m, "chunk", "8k"), bool(m, "raw"), (int) num(m, "sink-port", 0), (int) num(m, "concurrency", 16),
                (int) num(m, "sessions", 10000), secs(m, "hold", 0), secs(m, "settle", 2), str(m, "jmx", ""),
                str(m, "jmx-user", "karaf"), str(m, "jmx-password", "karaf"), pids(str(m, "pid", "")),
                (int) num(m, "threads", 1), str(m, "label", ""), secs(m, "timeout", 0), body(str(m, "body", "binary")));
        if (!m.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + m.keySet());
        }
        o.check();
        return o;
    }

    private void check() {
        require(port > 0 && port < 65536, "--port 1-65535");
        require(pairs >= 1 && window >= 1 && threads >= 1 && concurrency >= 1 && sessions >= 1, "counts must be positive");
        require(duration > 0 && warmup >= 0, "--duration must be positive");
        require(size >= 1 && chunk >= 1, "--size and --chunk must be positive");
        require(!raw || mode.equals("bulk"), "--raw is a bulk option");
        require(!users.isEmpty(), "--users is empty");
    }

    /** The hard limit on the whole run, seconds. */
    double deadline() {
        if (timeout > 0) {
            return timeout;
        }
        double work = mode.equals("idle") ? 120 + sessions / 200.0 + hold + settle : warmup + duration;
        return work + 60;
    }

    String user(int i) {
        return users.get(Math.floorMod(i, users.size()));
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    private static String str(Map<String, String> m, String k, String def) {
        String v = m.remove(k);
        return v == null ? def : v;
    }

    private static boolean bool(Map<String, String> m, String k) {
        String v = m.remove(k);
        return v != null && !v.equalsIgnoreCase("false") && !v.equals("0");
    }

    private static long num(Map<String, String> m, String k, long def) {
        String v = m.remove(k);
        return v == null ? def : Long.parseLong(v.trim());
    }

    private static double secs(Map<String, String> m, String k, double def) {
        String v = m.remove(k);
        return v == null ? def : Double.parseDouble(v.trim());
    }

    private static long size(Map<String, String> m, String k, String def) {
        String v = str(m, k, def).trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1024 : last == 'm' ? 1024 * 1024 : 1024L * 1024 * 1024;
            v = v.substring(0, v.length() - 1);
        }
        return Math.round(Double.parseDouble(v) * mult);
    }

    private static boolean body(String v) {
        if (v.equals("text") || v.equals("binary")) {
            return v.equals("text");
        }
        throw new IllegalArgumentException("--body text|binary");
    }

    private static boolean digestUri(String v) {
        if (v.equals("include") || v.equals("omit")) {
            return v.equals("include");
        }
        throw new IllegalArgumentException("--digest-uri include|omit");
    }

    /** {@code a,b,c} or {@code PATTERN:COUNT} with {@code %d} in the pattern ({@code u%d:1000} is u0 ... u999). */
    private static List<String> users(String v) {
        List<String> out = new ArrayList<>();
        int colon = v.lastIndexOf(':');
        if (v.contains("%d") && colon > 0) {
            int n = Integer.parseInt(v.substring(colon + 1));
            for (int i = 0; i < n; i++) {
                out.add(String.format(Locale.ROOT, v.substring(0, colon), i));
            }
            return out;
        }
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static List<Integer> pids(String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim()));
            }
        }
        return out;
    }
}
