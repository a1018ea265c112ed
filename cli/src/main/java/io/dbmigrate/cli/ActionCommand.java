package io.dbmigrate.cli;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.OnConflict;
import io.dbmigrate.engine.api.RequestRules;
import io.dbmigrate.engine.config.LoadedConfiguration;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** One action: parses its options into a {@link MigrationRequest}, runs the engine, prints the result. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
final class ActionCommand implements Callable<Integer> {
    private final Action action;
    private final Map<String, String> env;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "<revision>",
            description = "head, base, a version (3, 3.1), -N, +N or previous. Default: head for upgrade, -1 for"
                    + " downgrade. For backups restore: the names of the backups to restore (default: every one whose"
                    + " source exists again). For create --undo: the versions to write undo scripts for (default: every"
                    + " V script without one).")
    private List<String> positional = new ArrayList<>();

    @CommandLine.Mixin
    private ConnectionOptions database = new ConnectionOptions();

    @CommandLine.Mixin
    private FlywayConfigOptions flyway = new FlywayConfigOptions();

    @Option(names = "--description", paramLabel = "TEXT", description = "What the new migration does (create).")
    private String description = "";

    @Option(names = "--autogenerate", paramLabel = "FILE", description = "create: write the V and U scripts from the"
            + " difference between the database at head and the schema in FILE (PostgreSQL DDL, hand-written or from"
            + " pg_dump --schema-only; relative to the working directory). Both are proven on scratch databases on the"
            + " server of --url first. Needs a database connection.")
    private String autogenerate = "";

    @Option(names = "--undo", description = "create: write U<version>__<description>.sql beside each V script that has"
            + " none (or only the versions given), each proven first on a scratch database on the server of --url: the"
            + " undo gives back the schema before V exactly, and V applied again the schema after it. A V whose undo"
            + " cannot be certain is listed with the reason. Never overwrites; with --dry-run prints the scripts.")
    private boolean undo;

    @Option(names = "--json", description = "Print only the result object as JSON on stdout.")
    private boolean json;

    @Option(names = "--dry-run", description = "upgrade, downgrade: say what would be applied or undone, with the"
            + " SQL and any destructive statement, and change nothing. repair, backups restore|prune: list what would"
            + " change, and change nothing. create --undo: print the undo scripts that would be written.")
    private boolean dryRun;

    @Option(names = "--atomic", description = "upgrade: apply every pending migration in one transaction (Flyway's"
            + " group mode), so a failure leaves the starting revision. Cannot be used with statements that refuse a"
            + " transaction (CREATE INDEX CONCURRENTLY, VACUUM): such a migration makes the upgrade fail.")
    private boolean atomic;

    @Option(names = "--out-of-order", description = "upgrade: also apply a migration older than the current revision"
            + " that was never applied (Flyway's outOfOrder); the revision stays the highest version applied. Other"
            + " actions then list such a migration as pending, not ignored.")
    private boolean outOfOrder;

    @Option(names = "--allow-irreversible", description = "validate: report applied migrations without an undo"
            + " script as warnings instead of failing. verify: verify every migration that has an undo script and list"
            + " those without one.")
    private boolean allowIrreversible;

    @Option(names = "--no-backup", description = "downgrade: do not copy what undo scripts drop into schema"
            + " db_migrate_backup first. The result lists what was lost.")
    private boolean noBackup;

    @Option(names = "--on-conflict", paramLabel = "refuse|skip|overwrite", defaultValue = "refuse",
            description = "backups restore: a kept row whose key is taken (or, for dropped columns, gone) refuses the"
                    + " restore (default), is left as it is (skip), or replaces the row (overwrite).")
    private String onConflict;

    @Option(names = "--older-than", paramLabel = "DURATION", description = "backups prune: delete backups older than"
            + " this: 30d, 12h, 45m, 0s.")
    private String olderThan = "";

    @Option(names = "--keep-last", paramLabel = "N", defaultValue = "0", description = "backups prune: keep the newest"
            + " N backups of each source, whatever their age.")
    private int keepLast;

    ActionCommand(Action action, Map<String, String> env) {
        this.action = action;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        checkCommandLine();
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        LoadedConfiguration config;
        try {
            config = flyway.load(env);
        } catch (MigrationException e) {
            return output.print(MigrationResult.failed(action, e));
        }
        if (database.embedded() != null) {
            try (EmbeddedServer server = EmbeddedServer.start(database.embedded(), spec.commandLine().getErr())) {
                return run(output, server.settings(), config);
            }
        }
        if (action == Action.CREATE && autogenerate.isEmpty() && !undo) {
            return run(output, null, config); // writes files only
        }
        ConnectionSettings settings;
        try {
            settings = database.resolve(env, config.connection());
        } catch (MigrationException e) {
            return output.print(MigrationResult.failed(action, e));
        }
        return run(output, settings, config);
    }

    private int run(Output output, ConnectionSettings settings, LoadedConfiguration config) {
        MigrationRequest request = database.builder(action, settings, actor(), config)
                .workingDirectory(flyway.workingDirectory().toString())
                .flywaySettings(config.settings())
                .revision(action == Action.RESTORE || undo ? "" : revision())
                .undo(undo, undo ? positional : List.of())
                .backupNames(action == Action.RESTORE ? positional : List.of())
                .onConflict(OnConflict.fromId(onConflict))
                .olderThan(olderThan)
                .keepLast(keepLast)
                .description(description)
                .dryRun(dryRun)
                .backups(!noBackup)
                .atomic(atomic)
                .outOfOrder(outOfOrder)
                .allowIrreversible(allowIrreversible)
                .autogenerateFrom(autogenerate)
                .build();
        MigrationResult result = new MigrationEngine().run(request, output::progress);
        return output.print(result);
    }

    private String revision() {
        return positional.isEmpty() ? "" : positional.get(0);
    }

    private void checkCommandLine() {
        if (undo && action != Action.CREATE) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    RequestFailures.undoOnlyForCreate(action.id()).getMessage());
        }
        if (undo && !autogenerate.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    RequestFailures.undoWithAutogenerate().getMessage());
        }
        if (undo) {
            database.check(spec.commandLine());
            return; // the arguments are versions
        }
        if (action != Action.RESTORE && positional.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Too many arguments: " + String.join(" ", positional) + ". Give one revision at most.");
        }
        if (action != Action.RESTORE) {
            try {
                // the command line's wrong shape (exit 2); a revision's syntax is the engine's to refuse (exit 1)
                RequestRules.checkRevisionAllowed(action, revision());
            } catch (MigrationException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try {
            OnConflict.fromId(onConflict);
        } catch (MigrationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!autogenerate.isEmpty() && action != Action.CREATE) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--autogenerate is for create (got '" + action.id() + "').");
        }
        database.check(spec.commandLine());
    }

    static String actor() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }

}
