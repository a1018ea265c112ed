package io.dbmigrate.engine.step;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.connection.Secrets;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.report.ResultMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Pipeline step shows for one result: the map it returns, the badge, the summary lines, the
 * environment variables for later stages, the log lines and the message it aborts with. Every string
 * here comes from the masked result and the database's display name, so none holds a secret.
 *
 * @param database host:port/database without user or password, or empty when the run never got that far
 */
public record StepOutcome(MigrationResult result, String database, String action) {

    public static final String ENV_REVISION = "DB_MIGRATE_REVISION";
    public static final String ENV_PREVIOUS_REVISION = "DB_MIGRATE_PREVIOUS_REVISION";

    /** {@code action}: as the step was given it, which a refused step's result may not know as an {@link Action}. */
    public StepOutcome {
        database = database == null ? "" : database;
        if (action == null) {
            action = result.action() == null ? "" : result.action().id();
        }
    }

    public StepOutcome(MigrationResult result, String database) {
        this(result, database, null);
    }

    public static StepOutcome of(MigrationRequest request, MigrationResult result) {
        return new StepOutcome(result, request.connection() == null ? "" : request.connection().displayName());
    }

    /** The step's arguments were refused before anything ran. */
    public static StepOutcome rejected(String action, MigrationException error) {
        return new StepOutcome(MigrationResult.failed(Action.byId(action).orElse(null), error), "",
                action == null ? "" : action.trim());
    }

    /**
     * The agent failed to run the engine (a broken channel, a class that would not load there): a failed result of
     * kind AGENT, so failOnError applies as to any failure. The exception's text passes through the password mask.
     */
    public static StepOutcome agentFailed(MigrationRequest request, Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                + failure.getMessage().lines().findFirst().orElse(""));
        Secret password = request.connection() == null ? Secret.NONE : request.connection().password();
        MigrationException error = new MigrationException(ErrorKind.AGENT,
                Secrets.mask(RunFailures.agentFailed(text), password));
        return new StepOutcome(MigrationResult.failed(request.action(), error),
                request.connection() == null ? "" : request.connection().displayName());
    }

    /** The step's return value: the result's fields as plain, serializable values. */
    public LinkedHashMap<String, Object> returnValue() {
        LinkedHashMap<String, Object> map = ResultMap.of(result);
        map.put("action", action);
        return map;
    }

    /** One line per migration applied or undone, as in {@code V4 seed admin user (12 ms)} or {@code R views (3 ms)}. */
    public List<String> summaryLines() {
        return result.migrations().stream().map(StepOutcome::line).filter(line -> !line.isEmpty()).toList();
    }

    /** The console line for one migration as it finishes: {@code [2/5] V4 seed admin user (12 ms)}. */
    public static String progressLine(int index, int total, MigrationStep step) {
        return "[" + index + "/" + total + "] " + line(step);
    }

    private static String line(MigrationStep step) {
        String prefix = switch (step.state()) {
            case APPLIED -> "V";
            case UNDONE -> "U";
            default -> "";
        };
        // a repeatable migration has no version: R and its description, as Flyway names its files
        String name = step.version().isEmpty() ? "R" : prefix + step.version();
        return prefix.isEmpty() ? "" : name + " " + step.description() + " (" + step.millis() + " ms)";
    }

    /** Variables later stages see; only those with a value. */
    public Map<String, String> environment() {
        return environment(result.currentRevision(), result.previousRevision());
    }

    /** The same, from the two revisions a stored badge keeps. */
    public static Map<String, String> environment(String revision, String previousRevision) {
        Map<String, String> env = new LinkedHashMap<>();
        if (revision != null && !revision.isEmpty()) {
            env.put(ENV_REVISION, revision);
        }
        if (previousRevision != null && !previousRevision.isEmpty()) {
            env.put(ENV_PREVIOUS_REVISION, previousRevision);
        }
        return env;
    }

    public boolean shouldFail(boolean failOnError) {
        return failOnError && !result.success();
    }

    /** The message the build fails with. */
    public String abortMessage() {
        return Messages.stepFailed(action, result.message());
    }

    /**
     * What the step prints once the run is over: the warnings and the message, except when the build is about to
     * fail with {@link #abortMessage()}, which Jenkins prints itself. The migrations were printed as they ran
     * ({@link #progressLine}).
     */
    public List<String> logLines(boolean failOnError) {
        List<String> lines = new ArrayList<>();
        result.warnings().forEach(warning -> lines.add("Warning: " + warning));
        if (!shouldFail(failOnError)) {
            lines.add(result.success() ? result.message() : abortMessage());
        }
        return lines;
    }
}
