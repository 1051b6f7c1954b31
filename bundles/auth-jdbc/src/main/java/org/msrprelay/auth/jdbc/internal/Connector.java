package org.msrprelay.auth.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens physical connections to one database; the pool decides when. */
interface Connector {

    Connection open() throws SQLException;

    /** Whether the backend creates the subscriber table itself (embedded Derby only). */
    boolean createsSchema();

    /** Identifies the database, so that a new configuration can tell whether it still uses it. */
    String databaseKey();

    /** Releases what the connector holds; with {@code shutdownDatabase}, stops an embedded database too. */
    void close(boolean shutdownDatabase);
}
