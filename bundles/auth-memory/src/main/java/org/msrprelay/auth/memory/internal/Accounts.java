package org.msrprelay.auth.memory.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of the accounts in a configuration: every property whose key is
 * {@code user@domain} with a string value. User names are case-sensitive, domains are not.
 */
final class Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    /** One name part: no '@', whitespace, or characters that a .cfg key would need escaped. */
    private static final String PART = "[^@\\s=:#!\\\\]+";
    static final Pattern NAME_PART = Pattern.compile(PART);
    private static final Pattern ACCOUNT_KEY = Pattern.compile("(" + PART + ")@(" + PART + ")");

    static final Accounts EMPTY = new Accounts(Map.of());

    /** Key: user + '@' + lowercase domain; value: the account as configured. */
    private final Map<String, Account> byName;

    private Accounts(Map<String, Account> byName) {
        this.byName = byName;
    }

    /** Reads every {@code user@domain} property; other keys (service.pid, felix.*, component.*) are ignored. */
    static Accounts parse(Map<String, ?> properties) {
        Map<String, Account> byName = new HashMap<>();
        // Sorted so that a clash between two spellings of one domain resolves the same way every time.
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(properties).entrySet()) {
            var m = ACCOUNT_KEY.matcher(e.getKey());
            if (!m.matches()) {
                if (e.getKey().indexOf('@') >= 0) {
                    LOG.warn("memory backend: ignoring property key={}: not user@domain", e.getKey());
                }
                continue;
            }
            if (!(e.getValue() instanceof String password)) {
                LOG.warn("memory backend: ignoring account={}: the password is not a string", e.getKey());
                continue;
            }
            Account previous = byName.put(normalize(m.group(1), m.group(2)), new Account(e.getKey(), password));
            if (previous != null) {
                LOG.warn("memory backend: account={} replaces account={} (domains are case-insensitive)",
                        e.getKey(), previous.name());
            }
        }
        return new Accounts(Map.copyOf(byName));
    }

    static String normalize(String username, String domain) {
        return username + "@" + domain.toLowerCase(Locale.ROOT);
    }

    Optional<String> password(String username, String domain) {
        return Optional.ofNullable(byName.get(normalize(username, domain))).map(Account::password);
    }

    /** The configured keys, sorted. */
    List<String> names() {
        List<String> names = new ArrayList<>(byName.size());
        byName.values().forEach(a -> names.add(a.name()));
        Collections.sort(names);
        return List.copyOf(names);
    }

    int size() {
        return byName.size();
    }

    /** Whether a property key names the account (user@domain, domain in any case). */
    static boolean isKeyOf(String key, String username, String domain) {
        var m = ACCOUNT_KEY.matcher(key);
        return m.matches() && m.group(1).equals(username) && m.group(2).equalsIgnoreCase(domain);
    }

    private record Account(String name, String password) {
        @Override
        public String toString() {
            return "Account[" + name + "]";
        }
    }
}
