package io.dbmigrate.cli;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.report.ResultJson;

import java.io.PrintWriter;

/**
 * Where results go. Progress lines always go to stderr; stdout holds the human summary, or with
 * {@code --json} the result object and nothing else, so it can be piped into jq.
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    void progress(int index, int total, MigrationStep step) {
        // concatenation, not printf: one line per step, and a Formatter parses its pattern anew each call
        err.println("[" + index + "/" + total + "] " + step.script() + " … " + step.millis() + " ms");
        err.flush();
    }

    /** Prints the result and returns the exit status it stands for. */
    int print(MigrationResult result) {
        if (json) {
            out.println(ResultJson.of(result));
        } else if (result.success()) {
            if (result.action() == Action.INFO) {
                printTable(result);
            }
            printPlannedSql(result);
            // restore and prune report one line per backup they handled, repair one per change; elsewhere such lines
            // are warnings
            boolean report = result.action() == Action.RESTORE || result.action() == Action.PRUNE
                    || result.action() == Action.REPAIR;
            result.warnings().forEach(w -> out.println(report ? w : "WARNING: " + w));
            switch (result.action()) {
                case INFO, BACKUPS -> result.backups().forEach(b -> out.println("Backup kept: " + b.name() + "  "
                        + b + "  V" + b.version() + ", " + b.createdAt() + " by " + b.actor() + ", " + b.bytes()
                        + " bytes" + (b.restoredAt().isEmpty() ? "" : ", restored " + b.restoredAt())));
                case DOWNGRADE -> result.backups().forEach(b -> out.println("Backed up: " + b));
                default -> { }
            }
            out.println(result.message());
            if (!result.previousRevision().isEmpty() && result.action() == Action.CURRENT) {
                out.println("Previous revision: " + result.previousRevision());
            }
        } else {
            // a warning may say why it failed (a misspelt placeholder setting, then a placeholder without value)
            result.warnings().forEach(w -> err.println("WARNING: " + w));
            err.println("FAILED (" + result.error() + "): " + result.message());
        }
        out.flush();
        err.flush();
        return result.success() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void printPlannedSql(MigrationResult result) {
        for (MigrationStep step : result.migrations()) {
            if (step.state() == StepState.PLANNED) {
                out.println("-- " + step.script());
                out.println(step.sql().strip());
                out.println();
            }
        }
    }

    /** Columns as printf's %-Ns would pad them, built by hand: a Formatter per row is slow with thousands of rows. */
    private void printTable(MigrationResult result) {
        StringBuilder table = new StringBuilder();
        row(table, "Version", "Description", "State", "Applied at", "Undo");
        for (MigrationStep step : result.migrations()) {
            // a repeatable migration has no undo script: a downgrade marks it to be re-applied
            boolean repeatable = step.version().isEmpty();
            row(table, repeatable ? "R" : step.version(), abbreviate(step.description(), 32), String.valueOf(step.state()),
                    step.appliedAt().isEmpty() ? "-" : step.appliedAt(),
                    repeatable ? "-" : step.reversible() ? "yes" : "NO");
        }
        out.print(table);
    }

    private static void row(StringBuilder table, String version, String description, String state, String appliedAt,
                            String undo) {
        pad(table, version, 16);
        pad(table, description, 32);
        pad(table, state, 10);
        pad(table, appliedAt, 30);
        table.append(undo).append(System.lineSeparator());
    }

    private static void pad(StringBuilder table, String text, int width) {
        table.append(text);
        table.append(" ".repeat(Math.max(0, width - text.length()) + 1));
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
