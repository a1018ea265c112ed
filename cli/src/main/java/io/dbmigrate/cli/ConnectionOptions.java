package io.dbmigrate.cli;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.config.LoadedConfiguration;
import io.dbmigrate.engine.connection.ConfiguredConnection;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The database options of a command that connects (a picocli mixin): where, as whom, which
 * migrations, how long to wait for the lock. Same names, defaults and checks as the actions' options.
 */
final class ConnectionOptions {
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.:-]*://[^@/?#]*:[^@?#]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&]password=");

    @Option(names = "--url", paramLabel = "URL",
            description = "jdbc:postgresql://host:port/db or postgresql://user@host:port/db (else DATABASE_URL,"
                    + " else FLYWAY_URL). Never put a password here: it shows in the process list.")
    private String url;

    @Option(names = "--user", paramLabel = "NAME", description = "Database user (else the URL's, else PGUSER).")
    private String user;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "PGPASSWORD",
            description = "Read the password from this environment variable (default: ${DEFAULT-VALUE}).")
    private String passwordEnv;

    @Option(names = "--locations", paramLabel = "LOC", split = ",",
            description = "Flyway locations (default: filesystem:db/migration). Undo scripts are looked for in the"
                    + " filesystem ones.")
    private List<String> locations = List.of();

    @Option(names = "--schemas", paramLabel = "S", split = ",",
            description = "Schemas Flyway manages; the first holds the history (default: the connection's schema).")
    private List<String> schemas = List.of();

    @Option(names = "--embedded", arity = "0..1", paramLabel = "DIR", fallbackValue = EmbeddedServer.DEFAULT_DIR,
            description = "Use an embedded PostgreSQL whose data is kept in DIR (default: ${FALLBACK-VALUE}),"
                    + " started for this command and stopped after it.")
    private Path embedded;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another run's lock (default: ${DEFAULT-VALUE}).")
    private int lockTimeout;

    /** Rejects what must never run: a password on the command line, a negative timeout. */
    void check(CommandLine cli) {
        if (url != null && holdsPassword(url)) {
            throw new CommandLine.ParameterException(cli, "Do not put the password in --url: it shows"
                    + " in the process list. Put the URL in DATABASE_URL, or the password in PGPASSWORD (or the"
                    + " variable --password-env names).");
        }
        if (lockTimeout < 0) {
            throw new CommandLine.ParameterException(cli,
                    "Invalid --lock-timeout " + lockTimeout + ": use 0 or more seconds.");
        }
    }

    /**
     * user:password@ after the scheme (jdbc:postgresql:// as well as postgresql://), or a password parameter.
     * The user part may not hold '@', the password part may hold '/', so an unencoded one is caught too.
     */
    static boolean holdsPassword(String url) {
        return URL_WITH_PASSWORD.matcher(url).find() || PASSWORD_PARAMETER.matcher(url).find();
    }

    /** The embedded server's data folder, or null when a real server is named. */
    Path embedded() {
        return embedded;
    }

    /** Where to connect, from the options and the environment; throws the engine's CONNECTION error when no URL is known. */
    ConnectionSettings resolve(Map<String, String> env) {
        return resolve(env, ConfiguredConnection.NONE);
    }

    /** As above, with a Flyway configuration's URL, user and password as the last fallback of each. */
    ConnectionSettings resolve(Map<String, String> env, ConfiguredConnection configured) {
        return ConnectionSettings.resolve(url, user, Secret.of(env.get(passwordEnv)), env, "--url", "", configured);
    }

    MigrationRequest.Builder builder(Action action, ConnectionSettings settings, String actor) {
        return builder(action, settings, actor, LoadedConfiguration.NONE);
    }

    /** The options win over a Flyway configuration's locations and schemas. */
    MigrationRequest.Builder builder(Action action, ConnectionSettings settings, String actor,
                                     LoadedConfiguration config) {
        return MigrationRequest.builder(action)
                .connection(settings)
                .locations(locations.isEmpty() ? config.locations() : locations)
                .schemas(schemas.isEmpty() ? config.schemas() : schemas)
                .lockTimeoutSeconds(lockTimeout)
                .actor(actor);
    }
}
