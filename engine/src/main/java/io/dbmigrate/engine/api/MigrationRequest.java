package io.dbmigrate.engine.api;

import io.dbmigrate.engine.config.FlywaySettings;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.error.RequestFailures;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one run needs. Serializable: the Jenkins plugin builds it on the controller and runs
 * it on an agent.
 *
 * @param revision         the revision expression as typed; blank means the action's default
 * @param connection       where to connect; may be null only for {@code create} without {@code autogenerateFrom}
 * @param locations        Flyway locations; relative {@code filesystem:} ones resolve against {@code workingDirectory}
 * @param schemas          schemas Flyway manages; empty means the connection's default schema
 * @param workingDirectory the folder relative locations and created files are relative to
 * @param actor            who runs this, for the audit table and the lock holder's name
 * @param dryRun           upgrade/downgrade: say what would run, with the SQL and destructive statements, change nothing
 * @param backups          downgrade: copy what undo scripts drop into schema db_migrate_backup first
 * @param atomic           upgrade: all pending migrations in one transaction (Flyway's group mode)
 * @param allowIrreversible validate: report applied migrations without an undo script as warnings, not errors
 * @param autogenerateFrom create: a file of PostgreSQL DDL with the desired schema (relative to
 *                         {@code workingDirectory}); the scripts are generated from its difference to head.
 *                         Empty: plain create
 * @param backupNames      restore: the backups to put back (names in db_migrate_backup); empty: every backup whose
 *                         source exists again
 * @param onConflict       restore: what to do with rows that conflict
 * @param olderThan        prune: the retention, as typed ({@code 30d}, {@code 12h}, {@code 0s})
 * @param keepLast         prune: keep the newest this many backups of each source whatever their age; 0: none
 * @param outOfOrder       upgrade (and every reading of the history): Flyway's outOfOrder, so a migration older than
 *                         the current revision that was never applied is pending, not ignored
 * @param flywaySettings   Flyway settings from a project's configuration (placeholders, ...) and what reading it
 *                         warned about; {@link FlywaySettings#NONE} when there is none
 * @param undo             create: write the missing undo scripts of existing V scripts, each proven first
 * @param undoVersions     create --undo: only these versions; empty: every V script without an undo script
 */
public record MigrationRequest(Action action, String revision, ConnectionSettings connection, List<String> locations,
                               List<String> schemas, String description, int lockTimeoutSeconds,
                               String workingDirectory, String actor, boolean dryRun, boolean backups,
                               boolean atomic, boolean allowIrreversible, String autogenerateFrom,
                               List<String> backupNames, OnConflict onConflict, String olderThan, int keepLast,
                               boolean outOfOrder, FlywaySettings flywaySettings, boolean undo,
                               List<String> undoVersions)
        implements Serializable {

    public static final String DEFAULT_LOCATION = "filesystem:db/migration";
    public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

    public MigrationRequest {
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
        revision = revision == null ? "" : revision.trim();
        locations = locations == null || locations.isEmpty() ? List.of(DEFAULT_LOCATION) : List.copyOf(locations);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        // one line: a line break in a description would become a live SQL line in the header comment of a new script
        description = description == null ? "" : description.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        RequestRules.checkLockTimeout(lockTimeoutSeconds);
        workingDirectory = workingDirectory == null || workingDirectory.isBlank()
                ? Path.of("").toAbsolutePath().toString() : workingDirectory;
        actor = actor == null || actor.isBlank() ? System.getProperty("user.name", "unknown") : actor;
        autogenerateFrom = autogenerateFrom == null ? "" : autogenerateFrom.trim();
        backupNames = backupNames == null ? List.of() : List.copyOf(backupNames);
        onConflict = onConflict == null ? OnConflict.REFUSE : onConflict;
        olderThan = olderThan == null ? "" : olderThan.trim();
        if (keepLast < 0) {
            throw RequestFailures.keepLastNegative(keepLast);
        }
        flywaySettings = flywaySettings == null ? FlywaySettings.NONE : flywaySettings;
        undoVersions = undoVersions == null ? List.of() : List.copyOf(undoVersions);
    }

    /** The revision to resolve: the one given, else the action's default. */
    public String effectiveRevision() {
        return revision.isEmpty() ? action.defaultRevision() : revision;
    }

    public static Builder builder(Action action) {
        return new Builder(action);
    }

    /** Builds a request field by field; the CLI and the plugin fill it from their options. */
    public static final class Builder {
        private final Action action;
        private String revision = "";
        private ConnectionSettings connection;
        private List<String> locations = List.of();
        private List<String> schemas = List.of();
        private String description = "";
        private int lockTimeoutSeconds = DEFAULT_LOCK_TIMEOUT_SECONDS;
        private String workingDirectory;
        private String actor;
        private boolean dryRun;
        private boolean backups = true;
        private boolean atomic;
        private boolean allowIrreversible;
        private String autogenerateFrom = "";
        private List<String> backupNames = List.of();
        private OnConflict onConflict = OnConflict.REFUSE;
        private String olderThan = "";
        private int keepLast;
        private boolean outOfOrder;
        private FlywaySettings flywaySettings = FlywaySettings.NONE;
        private boolean undo;
        private List<String> undoVersions = List.of();

        private Builder(Action action) {
            this.action = action;
        }

        public Builder revision(String value) {
            this.revision = value;
            return this;
        }

        public Builder connection(ConnectionSettings value) {
            this.connection = value;
            return this;
        }

        public Builder locations(List<String> value) {
            this.locations = value;
            return this;
        }

        public Builder schemas(List<String> value) {
            this.schemas = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder lockTimeoutSeconds(int value) {
            this.lockTimeoutSeconds = value;
            return this;
        }

        public Builder workingDirectory(String value) {
            this.workingDirectory = value;
            return this;
        }

        public Builder actor(String value) {
            this.actor = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder backups(boolean value) {
            this.backups = value;
            return this;
        }

        public Builder atomic(boolean value) {
            this.atomic = value;
            return this;
        }

        public Builder allowIrreversible(boolean value) {
            this.allowIrreversible = value;
            return this;
        }

        /** create: generate the scripts from the difference to the schema in this DDL file. */
        public Builder autogenerateFrom(String value) {
            this.autogenerateFrom = value;
            return this;
        }

        /** restore: these backups only. */
        public Builder backupNames(List<String> value) {
            this.backupNames = value;
            return this;
        }

        public Builder onConflict(OnConflict value) {
            this.onConflict = value;
            return this;
        }

        /** prune: the retention ({@code 30d}, {@code 12h}, {@code 45m}, {@code 0s}). */
        public Builder olderThan(String value) {
            this.olderThan = value;
            return this;
        }

        public Builder keepLast(int value) {
            this.keepLast = value;
            return this;
        }

        public Builder outOfOrder(boolean value) {
            this.outOfOrder = value;
            return this;
        }

        /** Flyway settings read from a project's configuration. */
        public Builder flywaySettings(FlywaySettings value) {
            this.flywaySettings = value;
            return this;
        }

        /** create: write the missing undo scripts ({@code versions}: only these; empty: all). */
        public Builder undo(boolean value, List<String> versions) {
            this.undo = value;
            this.undoVersions = versions;
            return this;
        }

        public MigrationRequest build() {
            return new MigrationRequest(action, revision, connection, locations, schemas, description,
                    lockTimeoutSeconds, workingDirectory, actor, dryRun, backups, atomic,
                    allowIrreversible, autogenerateFrom, backupNames, onConflict, olderThan, keepLast,
                    outOfOrder, flywaySettings, undo, undoVersions);
        }
    }
}
