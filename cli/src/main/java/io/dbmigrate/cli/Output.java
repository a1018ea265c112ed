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

    private void printTable(MigrationResult result) {
        String format = "%-16s %-32s %-10s %-30s %s%n";
        out.printf(format, "Version", "Description", "State", "Applied at", "Undo");
        for (MigrationStep step : result.migrations()) {
            // a repeatable migration has no undo script: a downgrade marks it to be re-applied
            boolean repeatable = step.version().isEmpty();
            out.printf(format, repeatable ? "R" : step.version(), abbreviate(step.description(), 32), step.state(),
                    step.appliedAt().isEmpty() ? "-" : step.appliedAt(),
                    repeatable ? "-" : step.reversible() ? "yes" : "NO");
        }
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
