package io.custodia.batch;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A lock shared by every process using the database, held until the caller's transaction ends
 * (commit, rollback, or the connection dying with its process). On PostgreSQL it is a
 * transaction-level advisory lock named after {@code name}; H2 is one process's file, so there
 * is nothing to serialize against and this does nothing.
 *
 * <p>Misuse: on a connection in auto-commit mode the lock ends with the statement that takes it,
 * which protects nothing. Take it inside the transaction whose reads and writes it guards.
 */
public final class ClusterLock {
    private ClusterLock() {
    }

    public static void holdUntilCommit(Connection c, String name) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("the cluster lock '" + name + "' needs a transaction; this connection is in auto-commit mode");
        }
        if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            try (var ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                ps.setLong(1, name.hashCode());
                ps.executeQuery().close();
            }
        }
    }
}
