package org.civstart.chaos.system;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.civstart.infra.PostgresServer;

/**
 * A real PostgreSQL server (its own {@code postgres} processes) on a fixed port with its data on
 * disk, which a scenario stops (fast shutdown: sessions are cut) and starts again with its data.
 */
public final class Database implements AutoCloseable {

    private final Path dataDir;
    private final int port = Ports.free();
    private PostgresServer server;

    public Database(Path dataDir) {
        this.dataDir = dataDir;
    }

    public synchronized void start() throws IOException {
        server = PostgresServer.start(dataDir, port);
    }

    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public void createDatabase(String name) {
        server.createDatabase(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), PostgresServer.USER, "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
