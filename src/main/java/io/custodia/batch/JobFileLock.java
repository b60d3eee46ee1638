package io.custodia.batch;

import io.custodia.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One job file runs at most once at a time, across every process and node sharing the
 * JobRepository's database. The lock lives in a database session held for the whole run, so the
 * database itself releases it when the holder dies (kill -9, power loss, lost connection): no lock
 * file to clean up, no lease to guess.
 *
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock}), keyed by the
 *       first 64 bits of SHA-256 of the job file path; holds no transaction open.</li>
 *   <li>H2: a row of {@code CUSTODIA_JOB_LOCK} held {@code FOR UPDATE NOWAIT} by an open
 *       transaction on the holder's connection.</li>
 * </ul>
 */
@Component
public class JobFileLock {
    private static final Logger log = LoggerFactory.getLogger(JobFileLock.class);
    private final DataSource dataSource;
    private volatile Boolean postgres;
    private volatile boolean h2TableReady;

    public JobFileLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A held lock; closing it releases the lock and returns the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the lock for this job file (its absolute path, as stored in the run's parameters) if no one holds it. */
    public Optional<Held> tryAcquire(String jobFile) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            boolean pg = isPostgres(c);
            Optional<Held> held = pg ? tryPostgres(c, jobFile) : tryH2(c, jobFile);
            if (held.isEmpty()) {
                closeQuietly(c);
            }
            return held;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot take the run lock for " + jobFile + ": " + e.getMessage(), e);
        }
    }

    private boolean isPostgres(Connection c) throws SQLException {
        if (postgres == null) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        return postgres;
    }

    static long key(String jobFile) {
        byte[] h = Hashes.sha256().digest(("custodia-job-file:" + jobFile).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(h, 0, 8).getLong();
    }

    private Optional<Held> tryPostgres(Connection c, String jobFile) throws SQLException {
        long key = key(jobFile);
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(() -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.executeQuery().close();
            } catch (SQLException e) {
                // a broken connection: the server ends the session, which releases the lock
                log.warn("could not release the run lock for {} ({}); the database releases it with the session", jobFile, e.getMessage());
            } finally {
                closeQuietly(c);
            }
        });
    }

    private Optional<Held> tryH2(Connection c, String jobFile) throws SQLException {
        String key = Hashes.sha256Hex(jobFile);
        c.setAutoCommit(true);
        if (!h2TableReady) {
            c.createStatement().execute("create table if not exists CUSTODIA_JOB_LOCK (LOCK_KEY varchar(64) primary key, JOB_FILE varchar(4000))");
            h2TableReady = true;
        }
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from CUSTODIA_JOB_LOCK where LOCK_KEY = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                exists = rs.getLong(1) > 0;
            }
        }
        if (!exists) {
            try (PreparedStatement ps = c.prepareStatement("insert into CUSTODIA_JOB_LOCK (LOCK_KEY, JOB_FILE) values (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, jobFile);
                ps.executeUpdate();
            } catch (SQLException e) {
                // inserted by someone else meanwhile: the row exists, which is all we need
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("select LOCK_KEY from CUSTODIA_JOB_LOCK where LOCK_KEY = ? for update nowait")) {
            ps.setString(1, key);
            ps.executeQuery().close();
        } catch (SQLException e) {
            c.rollback();
            if ("HYT00".equals(e.getSQLState()) || e.getErrorCode() == 50200) {
                return Optional.empty(); // lock timeout: held by another open transaction
            }
            throw e;
        }
        return Optional.of(() -> {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                log.warn("could not release the run lock for {} ({}); it ends with the connection", jobFile, e.getMessage());
            } finally {
                closeQuietly(c);
            }
        });
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do: the pool discards a broken connection
            }
        }
    }
}
