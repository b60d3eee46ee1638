package io.custodia.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.spi.JobFactory;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the Quartz scheduler: with a DataSource, the JDBC job store on the JobRepository's
 * database (clustered, instance id AUTO, the delegate for PostgreSQL or H2); without one, the
 * in-memory store (tests of the trigger policies). {@code custodia.scheduler.quartz.*} properties
 * are passed to Quartz last, so they override anything here.
 */
final class QuartzFactory {
    private QuartzFactory() {
    }

    static SchedulerFactoryBean create(SchedulerProperties p, DataSource dataSource, PlatformTransactionManager tx, JobFactory jobs)
            throws Exception {
        Properties q = new Properties();
        q.setProperty("org.quartz.scheduler.instanceName", p.instanceName());
        q.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        q.setProperty("org.quartz.threadPool.threadCount", Integer.toString(p.threads()));
        q.setProperty("org.quartz.threadPool.threadNamePrefix", "custodia-quartz");
        q.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(p.misfireThreshold().toMillis()));
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        if (dataSource != null) {
            q.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(p.clustered()));
            q.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(p.clusterCheckinInterval().toMillis()));
            q.setProperty("org.quartz.jobStore.useProperties", "true");
            q.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            q.setProperty("org.quartz.jobStore.driverDelegateClass", delegateFor(dataSource));
            factory.setDataSource(dataSource);
            factory.setTransactionManager(tx);
        }
        p.quartz().forEach(q::setProperty);
        factory.setQuartzProperties(q);
        factory.setSchedulerName(p.instanceName());
        factory.setJobFactory(jobs);
        factory.setAutoStartup(false);
        factory.setWaitForJobsToCompleteOnShutdown(false);
        factory.setBeanName("custodiaScheduler");
        factory.afterPropertiesSet();
        return factory;
    }

    static String delegateFor(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
        }
    }

    /** Describes the store without credentials, for the start-up line. */
    static String describe(DataSource dataSource, SchedulerProperties p) {
        if (dataSource == null) {
            return "in-memory store";
        }
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            return "JDBC store " + (url == null ? "?" : url.replaceAll("(?i)(password=)[^;&]*", "$1***"))
                    + (p.clustered() ? ", clustered" : ", not clustered");
        } catch (SQLException e) {
            return "JDBC store (" + e.getMessage() + ")";
        }
    }
}
