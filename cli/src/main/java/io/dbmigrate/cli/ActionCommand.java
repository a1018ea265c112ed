package io.dbmigrate.cli;

import io.dbmigrate.engine.Action;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.MigrationRequest;
import io.dbmigrate.engine.MigrationResult;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** One action: parses its options into a {@link MigrationRequest}, runs the engine, prints the result. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
final class ActionCommand implements Callable<Integer> {
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.:-]*://[^@/?#]*:[^@?#]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&]password=");

    private final Action action;
    private final Map<String, String> env;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<revision>",
            description = "head, base, a version (3, 3.1), -N, +N or previous. Default: head for upgrade, -1 for"
                    + " downgrade.")
    private String revision = "";

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

    @Option(names = "--description", paramLabel = "TEXT", description = "What the new migration does (create).")
    private String description = "";

    @Option(names = "--embedded", arity = "0..1", paramLabel = "DIR", fallbackValue = EmbeddedServer.DEFAULT_DIR,
            description = "Use an embedded PostgreSQL whose data is kept in DIR (default: ${FALLBACK-VALUE}),"
                    + " started for this command and stopped after it.")
    private Path embedded;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another run's lock (default: ${DEFAULT-VALUE}).")
    private int lockTimeout;

    @Option(names = "--json", description = "Print only the result object as JSON on stdout.")
    private boolean json;

    ActionCommand(Action action, Map<String, String> env) {
        this.action = action;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        checkCommandLine();
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        if (embedded != null) {
            try (EmbeddedServer server = EmbeddedServer.start(embedded, spec.commandLine().getErr())) {
                return run(output, server.settings());
            }
        }
        if (action == Action.CREATE) {
            return run(output, null); // writes files only
        }
        ConnectionSettings settings;
        try {
            settings = ConnectionSettings.resolve(url, user, Secret.of(env.get(passwordEnv)), env, "--url", "");
        } catch (MigrationException e) {
            return output.print(MigrationResult.failed(action.id(), e));
        }
        return run(output, settings);
    }

    private int run(Output output, ConnectionSettings settings) {
        MigrationRequest request = MigrationRequest.builder(action)
                .revision(revision)
                .connection(settings)
                .locations(locations)
                .schemas(schemas)
                .description(description)
                .lockTimeoutSeconds(lockTimeout)
                .actor(actor())
                .build();
        MigrationResult result = new MigrationEngine().run(request, output::progress);
        return output.print(result);
    }

    private void checkCommandLine() {
        if (!revision.isEmpty() && !action.takesRevision()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "The action '" + action.id() + "' takes no revision (got '" + revision + "').");
        }
        if (url != null && holdsPassword(url)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Do not put the password in --url: it shows"
                    + " in the process list. Put the URL in DATABASE_URL, or the password in PGPASSWORD (or the"
                    + " variable --password-env names).");
        }
        if (lockTimeout < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
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

    private static String actor() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }

}
