package io.dbmigrate.engine.step;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.OnConflict;
import io.dbmigrate.engine.api.RequestRules;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.DatabaseUrl;
import io.dbmigrate.engine.error.DatabaseFailures;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The arguments of the Pipeline step {@code dbMigrate} as a Jenkinsfile gives them, checked, and turned
 * into a {@link MigrationRequest}. The plugin only copies its bean's fields in here; every rule about them
 * lives in this class, so the default build tests it.
 *
 * @param action        one of {@link Action}'s ids except {@code create}; kept as the normalized id
 * @param revision      empty for the action's default
 * @param url           JDBC or postgresql:// URL without password; empty: DATABASE_URL, then FLYWAY_URL
 * @param credentialsId Jenkins credentials: username with password, or secret text holding the URL
 * @param locations     comma-separated Flyway locations; empty means {@value MigrationRequest#DEFAULT_LOCATION}
 * @param schemas       comma-separated schemas; empty means the connection's default schema
 * @param lockTimeout   seconds to wait for another run's lock; null means 60
 * @param failOnError   whether a failed action fails the build; null means true
 * @param target        a named target from the global configuration instead of url and credentialsId
 * @param backups       restore: comma-separated backup names; empty: every backup whose source exists again
 * @param onConflict    restore: refuse (default), skip or overwrite
 * @param olderThan     prune: the retention (30d, 12h, 45m, 0s)
 * @param keepLast      prune: keep the newest this many backups of each source; null means 0
 */
public record StepParameters(String action, String revision, String url, String credentialsId, String locations,
                             String schemas, Integer lockTimeout, Boolean failOnError, String target, String backups,
                             String onConflict, String olderThan, Integer keepLast) {

    /** A Flyway location prefix such as {@code classpath:} (two letters at least, so {@code C:\} is a path). */
    private static final Pattern PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    private static final String FILESYSTEM = "filesystem:";
    /** A target's name is one path segment of the admin endpoints' URLs ({@code /db-migrate/<name>/status}). */
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public StepParameters {
        if (action == null || action.isBlank()) {
            throw RequestFailures.stepActionRequired(actions());
        }
        Action parsed;
        try {
            parsed = Action.fromId(action);
        } catch (MigrationException unknown) {
            // name the step's actions, not the engine's: create is no choice here
            throw RequestFailures.unknownAction(action, actions());
        }
        if (parsed == Action.CREATE) {
            throw RequestFailures.stepRejectsCreate();
        }
        action = parsed.id();
        revision = trim(revision);
        url = trim(url);
        credentialsId = trim(credentialsId);
        locations = trim(locations);
        schemas = trim(schemas);
        lockTimeout = lockTimeout == null ? MigrationRequest.DEFAULT_LOCK_TIMEOUT_SECONDS : lockTimeout;
        failOnError = failOnError == null || failOnError;
        target = trim(target);
        backups = trim(backups);
        onConflict = OnConflict.fromId(onConflict).id();
        olderThan = trim(olderThan);
        keepLast = keepLast == null ? 0 : keepLast;
        if (keepLast < 0) {
            throw RequestFailures.keepLastNegative(keepLast);
        }
        RequestRules.checkRevision(parsed, revision);
        if (!url.isEmpty() && !DatabaseUrl.parse(url, "url").password().isEmpty()) {
            throw DatabaseFailures.stepPasswordInUrl();
        }
        RequestRules.checkLockTimeout(lockTimeout);
        for (String location : split(locations)) {
            if (!location.startsWith(FILESYSTEM) && PREFIX.matcher(location).matches()) {
                throw RequestFailures.stepLocationNotFilesystem(location);
            }
        }
    }

    /** The step's parameters before it knew backups: restore and prune take their defaults. */
    public StepParameters(String action, String revision, String url, String credentialsId, String locations,
                          String schemas, Integer lockTimeout, Boolean failOnError, String target) {
        this(action, revision, url, credentialsId, locations, schemas, lockTimeout, failOnError, target, null, null,
                null, null);
    }

    /** The actions the step offers, for the Snippet Generator: all but {@code create}. */
    public static List<String> actions() {
        return Arrays.stream(Action.values()).filter(a -> a != Action.CREATE).map(Action::id).toList();
    }

    /**
     * What is wrong with one field as the Snippet Generator has it, by the same rules a run applies; empty when
     * nothing is. Fields that depend on the action (a revision) are checked with it, or with upgrade while no valid
     * action is chosen.
     *
     * @param field one of action, revision, url, locations, onConflict, lockTimeout, keepLast
     */
    public static Optional<String> problem(String action, String field, String value) {
        String chosen = actions().contains(trim(action).toLowerCase(Locale.ROOT)) ? action : "upgrade";
        try {
            switch (field) {
                case "action" -> new StepParameters(value, null, null, null, null, null, null, null, null);
                case "revision" -> new StepParameters(chosen, value, null, null, null, null, null, null, null);
                case "url" -> new StepParameters(chosen, null, value, null, null, null, null, null, null);
                case "locations" -> new StepParameters(chosen, null, null, null, value, null, null, null, null);
                case "onConflict" -> new StepParameters(chosen, null, null, null, null, null, null, null, null, null,
                        value, null, null);
                case "lockTimeout" -> new StepParameters(chosen, null, null, null, null, null, number(value), null,
                        null);
                case "keepLast" -> new StepParameters(chosen, null, null, null, null, null, null, null, null, null,
                        null, null, number(value));
                default -> throw new IllegalArgumentException("no rule for the field " + field);
            }
            return Optional.empty();
        } catch (MigrationException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * What is wrong with the names of the configured targets, the first problem found: each must be given, fit in one
     * URL path segment, and name one target only. Empty when nothing is.
     */
    public static Optional<String> targetNamesProblem(List<String> names) {
        for (String name : names) {
            String given = trim(name);
            if (given.isEmpty()) {
                return Optional.of(RequestFailures.targetNameRequired());
            }
            if (!TARGET_NAME.matcher(given).matches()) {
                return Optional.of(RequestFailures.targetNameBad(given));
            }
            if (names.stream().filter(other -> trim(other).equals(given)).count() > 1) {
                return Optional.of(RequestFailures.targetNameTwice(given));
            }
        }
        return Optional.empty();
    }

    private static Integer number(String value) {
        try {
            return trim(value).isEmpty() ? null : Integer.valueOf(trim(value));
        } catch (NumberFormatException e) {
            throw RequestFailures.notANumber(value.trim());
        }
    }

    /** The action as the engine takes it. */
    public Action engineAction() {
        return Action.fromId(action);
    }

    /** A named database from the global configuration, as {@code target:} refers to it. */
    public record Target(String name, String url, String credentialsId) {
    }

    /**
     * The same parameters with the database of the target they name, if any: its URL and credentials replace the
     * step's, which must then be empty.
     *
     * @param configured every target there is
     */
    public StepParameters withTarget(List<Target> configured) {
        if (target.isEmpty()) {
            return this;
        }
        Target found = configured.stream().filter(t -> t.name().equals(target)).findFirst().orElseThrow(() ->
                RequestFailures.stepUnknownTarget(target, configured.stream().map(Target::name).toList()));
        if (!url.isEmpty() || !credentialsId.isEmpty()) {
            throw RequestFailures.stepTargetWithConnection(target);
        }
        return new StepParameters(action, revision, found.url(), found.credentialsId(), locations, schemas,
                lockTimeout, failOnError, target, backups, onConflict, olderThan, keepLast);
    }

    /**
     * The request to run on the agent.
     *
     * @param buildEnv   the build's environment (DATABASE_URL, FLYWAY_URL, PGUSER ... are read from it)
     * @param credential what {@code credentialsId} resolved to; null when no credentialsId was given or none was found
     * @param workspace  the absolute workspace path on the agent; relative locations resolve against it
     * @param actor      who runs it, for the audit table and the lock holder's name
     * @throws MigrationException INVALID_INPUT or CONNECTION, with a message for the user
     */
    public MigrationRequest toRequest(Map<String, String> buildEnv, CredentialValue credential, String workspace,
                                      String actor) {
        return toBuilder(buildEnv, credential, workspace, actor).build();
    }

    /** The same as {@link #toRequest}, left open for a caller that sets more (the admin endpoints' revision). */
    public MigrationRequest.Builder toBuilder(Map<String, String> buildEnv, CredentialValue credential,
                                              String workspace, String actor) {
        if (workspace == null || workspace.isBlank()) {
            throw new IllegalArgumentException("workspace is required");
        }
        if (!credentialsId.isEmpty() && credential == null) {
            throw DatabaseFailures.stepCredentialsNotFound(credentialsId);
        }
        Map<String, String> env = buildEnv == null ? Map.of() : buildEnv;
        return MigrationRequest.builder(engineAction())
                .revision(revision)
                .connection(connection(env, credential))
                .locations(split(locations).stream().map(StepParameters::asFlywayLocation).toList())
                .schemas(split(schemas))
                .lockTimeoutSeconds(lockTimeout)
                .workingDirectory(workspace)
                .actor(actor)
                .backupNames(split(backups))
                .onConflict(OnConflict.fromId(onConflict))
                .olderThan(olderThan)
                .keepLast(keepLast);
    }

    private ConnectionSettings connection(Map<String, String> env, CredentialValue credential) {
        if (credential != null && credential.holdsUrl()) {
            if (!url.isEmpty()) {
                throw DatabaseFailures.stepUrlTwice(credentialsId);
            }
            return ConnectionSettings.resolve(credential.url().reveal(), null, null, env,
                    "credentials '" + credentialsId + "'", credentialsId);
        }
        if (url.isEmpty() && isBlank(env.get(ConnectionSettings.DATABASE_URL))
                && isBlank(env.get(ConnectionSettings.FLYWAY_URL))) {
            throw DatabaseFailures.stepNoUrl();
        }
        return credential == null
                ? ConnectionSettings.resolve(url, null, null, env, "url", credentialsId)
                : ConnectionSettings.resolve(url, credential.user(), credential.password(), env, "url", credentialsId);
    }

    /** A plain folder becomes a {@code filesystem:} location; the engine resolves relative ones against the workspace. */
    private static String asFlywayLocation(String location) {
        return location.startsWith(FILESYSTEM) ? location : FILESYSTEM + location;
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static MigrationException invalid(String message) {
        return new MigrationException(ErrorKind.INVALID_INPUT, message);
    }
}
