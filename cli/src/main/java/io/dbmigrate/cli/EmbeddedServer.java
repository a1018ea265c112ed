package io.dbmigrate.cli;

import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server from the embedded binaries, for trying db-migrate without installing anything.
 * Its data stays in the given folder, so `upgrade --embedded` then `current --embedded` see the same
 * database; it listens on loopback only and stops when the command ends.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String DEFAULT_DIR = ".db-migrate/embedded";

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start(Path dataDir, PrintWriter err) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        err.println("Starting embedded PostgreSQL (data in " + dir + ") …");
        err.flush();
        return new EmbeddedServer(EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .start());
    }

    /** The server's trust-authenticated superuser on its own database: no password anywhere. */
    ConnectionSettings settings() {
        return new ConnectionSettings("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres",
                Secret.NONE, "--embedded", "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
