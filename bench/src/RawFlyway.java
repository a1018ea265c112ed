import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Baseline: stock Flyway migrate() on a filesystem folder, nothing else.
 * Usage: RawFlyway URL USER DIR [--group] [--session-lock]   (password from PGPASSWORD)
 * --session-lock: PostgreSQL session-level advisory lock, as db-migrate configures Flyway.
 */
public final class RawFlyway {
    // Flyway logs every step through java.util.logging; the db-migrate CLI switches that off, so do we
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        FLYWAY_LOG.setLevel(Level.OFF);
        java.util.List<String> flags = java.util.Arrays.asList(args).subList(3, args.length);
        boolean group = flags.contains("--group");
        FluentConfiguration config = Flyway.configure()
                .dataSource(args[0], args[1], System.getenv("PGPASSWORD"))
                .locations("filesystem:" + args[2]);
        if (group) {
            config.group(true);
        }
        if (flags.contains("--session-lock")) {
            config.getPluginRegister().getExact(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
                    .setTransactionalLock(false);
        }
        int applied = config.load().migrate().migrationsExecuted;
        System.err.println("RawFlyway: applied " + applied + (group ? " (group)" : ""));
    }
}
