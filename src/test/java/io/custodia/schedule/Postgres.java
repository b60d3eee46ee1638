package io.custodia.schedule;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The real PostgreSQL on 127.0.0.1:5432 (trust authentication, as on this machine kind and in
 * CI), one throw-away database per test. Tests needing it are tagged {@code postgres} and skipped,
 * saying why, when nothing listens there.
 */
final class Postgres implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = Integer.getInteger("custodia.test.pg-port", 5432);
    static final String USER = System.getProperty("custodia.test.pg-user", "postgres");
    final String database;

    private Postgres(String database) {
        this.database = database;
    }

    static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A fresh database, or the test is skipped with the reason. */
    static Postgres freshDatabase() throws SQLException {
        assumeTrue(reachable(), "PostgreSQL is not reachable at " + HOST + ":" + PORT + " — production-mode test skipped"
                + " (start it: pg_ctlcluster --skip-systemctl-redirect <version> main start; `./custodia test` does)");
        String name = "custodia_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "")) {
            c.createStatement().execute("create database " + name);
        }
        return new Postgres(name);
    }

    String url() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** The settings that put a Custodia process on this database in production mode. */
    List<String> productionSettings() {
        return List.of("--spring.profiles.active=production", "--spring.datasource.url=" + url(), "--spring.datasource.username=" + USER);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        }
    }
}
