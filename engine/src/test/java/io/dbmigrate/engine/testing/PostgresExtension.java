package io.dbmigrate.engine.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded binaries from Maven Central), and a fresh database
 * for every test that asks for a {@link TestDatabase}. Connections from tests use a role with a
 * password over TCP (scram-sha-256), so authentication errors and password masking are real.
 */
public final class PostgresExtension implements ParameterResolver {
    public static final String USER = "dbm_app";
    /** A marker no output may ever contain. */
    public static final String PASSWORD = "Pw-7f3c-NEVER-PRINT";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return createDatabase(server());
    }

    /** A fresh database owned by the test role on {@code on}: the shared server, or one a test started itself. */
    public static TestDatabase createDatabase(EmbeddedPostgres on) {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = on.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(on.getPort(), name);
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dataDir = Files.createTempDirectory("dbm-pg-");
                server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                        // a throw-away server: no need to wait for the disk (CREATE DATABASE checkpoints on 14)
                        .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off").start();
                requirePasswords(server, dataDir);
                Runtime.getRuntime().addShutdownHook(new Thread(PostgresExtension::stop));
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /**
     * A server of the test's own, set up like the shared one (test role, passwords over TCP), for a test that
     * stops it: never stop {@link #server()}. Its data stays in {@code dataDir} when it is closed, so
     * {@link #restart} can bring it back.
     */
    public static EmbeddedPostgres startSeparate(Path dataDir) throws IOException, SQLException {
        EmbeddedPostgres separate = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .start();
        requirePasswords(separate, dataDir);
        return separate;
    }

    /** Starts a server again on the data a closed {@link #startSeparate} server left (on a new port). */
    public static EmbeddedPostgres restart(Path dataDir) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    }

    /** A TCP port nothing listens on (just released). */
    public static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Our test role must log in with a password over TCP; the superuser keeps trust for set-up. */
    private static void requirePasswords(EmbeddedPostgres server, Path dataDir) throws IOException, SQLException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            st.execute("SELECT pg_reload_conf()");
        }
    }

    private static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
