package io.dbmigrate.cli;

import io.dbmigrate.engine.api.Action;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar db-migrate.jar <action> [<revision>] [options]}. One subcommand per action, each an
 * {@link ActionCommand}; exit status 0 success, 1 the action failed, 2 the command line is wrong.
 */
@Command(name = "db-migrate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Flyway migrations for PostgreSQL, with undo: upgrade, downgrade and see where a database is.",
        footer = {"", "Revisions: head (latest), base, a version (3, 3.1, 20261124.1030), -N / +N relative to the"
                + " current revision, previous (the revision before the last upgrade that changed it).",
                "Exit status: 0 success, 1 the action failed (the message says why), 2 the command line is wrong."})
public final class DbMigrateCommand implements Runnable {

    // keeps a reference: java.util.logging holds loggers weakly, and a collected logger forgets its level
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");
    private static final String SERVE = "serve";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.getenv()));
    }

    /** Runs one command line with the given streams and environment; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        // Flyway logs each step (and a missing location as SEVERE) through java.util.logging; the CLI
        // prints its own progress and results, and Flyway's failures reach it as exceptions
        FLYWAY_LOG.setLevel(Level.OFF);
        CommandLine cli = new CommandLine(new DbMigrateCommand());
        // Building a subcommand's model (reflection over its options) is most of picocli's start-up: a command line
        // that names one builds that one; any other (help, version, a typo, nothing) gets them all, to list them
        String named = args.length > 0 ? args[0] : "";
        boolean all = !subcommandNames().contains(named);
        for (Action action : Action.values()) {
            if (action != Action.RESTORE && action != Action.PRUNE && (all || named.equals(action.id()))) {
                cli.addSubcommand(action.id(), command(action, env));
            }
        }
        if (all || named.equals(Action.BACKUPS.id())) {
            // backups lists; backups list|restore|prune are its own subcommands
            CommandLine backups = cli.getSubcommands().get(Action.BACKUPS.id());
            backups.addSubcommand("list", command(Action.BACKUPS, env));
            backups.addSubcommand("restore", command(Action.RESTORE, env));
            backups.addSubcommand("prune", command(Action.PRUNE, env));
        }
        if (all || named.equals(SERVE)) {
            cli.addSubcommand(SERVE, new ServeCommand(env));
        }
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli.execute(args);
    }

    /** The first word of a command line that names one subcommand. */
    private static Set<String> subcommandNames() {
        Set<String> names = new HashSet<>();
        for (Action action : Action.values()) {
            if (action != Action.RESTORE && action != Action.PRUNE) {
                names.add(action.id());
            }
        }
        names.add(SERVE);
        return names;
    }

    private static CommandLine command(Action action, Map<String, String> env) {
        CommandLine sub = new CommandLine(new ActionCommand(action, env));
        sub.getCommandSpec().usageMessage().description(ActionHelp.description(action));
        return sub;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing action: use one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}
