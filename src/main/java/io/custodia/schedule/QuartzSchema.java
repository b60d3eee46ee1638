package io.custodia.schedule;

import io.custodia.batch.BatchSchema;
import io.custodia.batch.ClusterLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates Quartz's tables from the scripts in the Quartz jar ({@code tables_h2.sql},
 * {@code tables_postgres.sql}) only when none of them exists, and never drops anything: Boot's
 * initializer with {@code initialize-schema=always} drops the tables — and every stored trigger,
 * with its misfire state — on each start. The PostgreSQL script's DROP statements are removed
 * before it runs. A partial set of tables is an error to fix by hand, not something to paper over.
 */
@Component
public class QuartzSchema implements InitializingBean {
    static final List<String> TABLES = List.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_CRON_TRIGGERS",
            "QRTZ_SIMPROP_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_FIRED_TRIGGERS",
            "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS");
    private final DataSource dataSource;

    public QuartzSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            if (missing(c).isEmpty()) {
                return;
            }
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            String script = product.contains("postgres") ? "tables_postgres.sql" : product.contains("h2") ? "tables_h2.sql" : null;
            if (script == null) {
                throw new IllegalStateException("unsupported database '" + product + "' for the Quartz store; Custodia runs on H2 or PostgreSQL");
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ClusterLock.holdUntilCommit(c, "custodia-schema:QUARTZ"); // a second node starting at once waits here, then finds the tables
                List<String> missing = missing(c);
                if (missing.size() == TABLES.size()) {
                    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ByteArrayResource(
                            withoutDrops(read("org/quartz/impl/jdbcjobstore/" + script)).getBytes(StandardCharsets.UTF_8)));
                    populator.setContinueOnError(false);
                    populator.populate(c);
                } else if (!missing.isEmpty()) {
                    throw new IllegalStateException("the Quartz tables are incomplete (missing " + String.join(", ", missing)
                            + "); Custodia never drops tables: create the missing ones from " + script
                            + " in the Quartz jar, or drop the partial set yourself if it holds nothing you need");
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

    static List<String> missing(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String t : TABLES) {
            if (!BatchSchema.tableExists(c, t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script without DROP statements and without its trailing COMMIT (the caller commits). */
    static String withoutDrops(String script) {
        StringBuilder b = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip().toUpperCase(Locale.ROOT);
            if (t.startsWith("DROP ") || t.equals("COMMIT;")) {
                continue;
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }
}
