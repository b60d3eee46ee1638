package io.custodia.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JobRepository tables directly (independently of Custodia's code) to check what really ran. */
public final class BatchTables {
    private BatchTables() {
    }

    public record Execution(long id, long instanceId, String status) {
    }

    public static List<Execution> executions(Path stateDir) throws SQLException {
        List<Execution> out = new ArrayList<>();
        try (Connection c = connect(stateDir); ResultSet rs = c.createStatement().executeQuery(
                "select JOB_EXECUTION_ID, JOB_INSTANCE_ID, STATUS from BATCH_JOB_EXECUTION order by JOB_EXECUTION_ID")) {
            while (rs.next()) {
                out.add(new Execution(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** Step names run by one job execution, in order of their ids. */
    public static List<String> steps(Path stateDir, long jobExecutionId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(stateDir); var ps = c.prepareStatement(
                "select STEP_NAME from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = ? order by STEP_EXECUTION_ID")) {
            ps.setLong(1, jobExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Connection connect(Path stateDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + stateDir.resolve("custodia") + ";AUTO_SERVER=TRUE", "sa", "");
    }
}
