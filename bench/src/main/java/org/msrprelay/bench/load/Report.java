package org.msrprelay.bench.load;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A run's figures: printed as an aligned table for people and as one JSON line (starting {@code {"mode"}) for scripts. */
final class Report {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Report put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    void print(PrintStream out) {
        int w = 0;
        for (String k : values.keySet()) {
            w = Math.max(w, k.length());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.printf(Locale.ROOT, "  %-" + w + "s  %s%n", e.getKey(), text(e.getValue()));
        }
        out.println(json());
        out.flush();
    }

    String json() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                sb.append(text(v));
            } else {
                sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static String text(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "0";
            }
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(v);
    }
}
