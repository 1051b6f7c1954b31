package org.msrprelay.auth.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of {@code org.msrprelay.auth.jdbc} (SPEC section 2), named like the seed's
 * {@code [Database]} section. In method names a double underscore stands for one underscore in the
 * key (OSGi DS 1.4 section 112.8.2.2), so {@code cleartext__passwords()} reads
 * {@code cleartext_passwords}.
 */
@ObjectClassDefinition(
        name = "MSRPRelay JDBC credential backend",
        description = "Accounts in an SQL subscriber table (OpenSIPS/Kamailio layout by default). With an empty URL, "
                + "an embedded Derby database under ${karaf.data}/msrprelay that creates its table on first use.")
public @interface JdbcConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "Empty: embedded Derby under ${karaf.data}/msrprelay. jdbc:derby:<path or memory:name> "
                    + "is embedded Derby too; other URLs need a DataSourceFactory service from a pax-jdbc driver "
                    + "feature (e.g. pax-jdbc-mariadb, pax-jdbc-postgresql).")
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database login; empty for none.")
    String user() default "";

    @AttributeDefinition(name = "Password", description = "Database password; empty for none.",
            type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Cleartext passwords",
            description = "true: read the password column and compute HA1; user-add stores the password too. "
                    + "false: read the HA1 column; user-add stores only HA1 (and ha1b) and an empty password.")
    boolean cleartext__passwords() default false;

    @AttributeDefinition(name = "Subscriber table", description = "Table name: letters, digits and '_'.")
    String subscriber__table() default "subscriber";

    @AttributeDefinition(name = "Username column", description = "Column matched against the user name.")
    String username__col() default "username";

    @AttributeDefinition(name = "Domain column", description = "Column matched against the domain (the realm).")
    String domain__col() default "domain";

    @AttributeDefinition(name = "Password column", description = "Cleartext password column.")
    String password__col() default "password";

    @AttributeDefinition(name = "HA1 column", description = "Column with MD5(user:domain:password) in hex.")
    String ha1__col() default "ha1";

    @AttributeDefinition(name = "HA1b column",
            description = "Column with MD5(user@domain:domain:password), for clients that send user@domain as "
                    + "digest username; used when the table has it. Empty: never used.")
    String ha1b__col() default "ha1b";

    @AttributeDefinition(name = "Pool size", description = "Most database connections open at once (1-64).")
    int pool__size() default 8;

    @AttributeDefinition(name = "Query timeout (s)",
            description = "Seconds a look-up may run before it fails (1-300).")
    int query__timeout__seconds() default 3;

    @AttributeDefinition(name = "Connect timeout (s)",
            description = "Seconds to wait for a free or new connection before a look-up fails (1-300).")
    int connect__timeout__seconds() default 3;
}
