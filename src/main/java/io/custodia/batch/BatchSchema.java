package io.custodia.batch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the Spring Batch tables once, when they are absent, and never drops anything. Boot's own
 * initializer either re-runs a script without IF NOT EXISTS on every start or hides errors with
 * continue-on-error; this one fails loudly instead.
 */
@Component
public class BatchSchema implements InitializingBean {
    private final DataSource dataSource;

    public BatchSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            String platform = product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : null;
            if (platform == null) {
                throw new IllegalStateException("unsupported database '" + product + "'; Custodia runs on H2 or PostgreSQL");
            }
            if (tableExists(c, "BATCH_JOB_INSTANCE")) {
                return;
            }
            // Two nodes starting at once on a fresh PostgreSQL database: one creates, the other waits
            // for the lock, sees the tables and does nothing (PostgreSQL DDL is transactional).
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ClusterLock.holdUntilCommit(c, "custodia-schema:BATCH");
                if (!tableExists(c, "BATCH_JOB_INSTANCE")) {
                    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                            new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
                    populator.setContinueOnError(false);
                    populator.populate(c);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    public static boolean tableExists(Connection c, String table) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase()}) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
