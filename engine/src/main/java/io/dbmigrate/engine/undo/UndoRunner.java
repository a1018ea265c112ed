package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.api.BackupTable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the undo scripts of one downgrade inside its transaction, keeping first what each destroys. A script proven
 * harmless by its tokens runs directly. Any other runs under a savepoint between two catalog snapshots; when it
 * destroyed nothing, the savepoint is released and the work kept, so it runs once. When it did, the runner rolls
 * back to the savepoint, copies exactly what was lost, runs the script again and checks that this time it destroyed
 * nothing that was not copied. Only scripts that destroy something pay twice.
 * <p>
 * Each snapshot also says whether the probe can still see what it relies on: a script that switches row counting off,
 * or that destroys the backups themselves, is refused; an event trigger that appears makes every later script probed,
 * and while one is enabled the backups' own statements are checked to have destroyed nothing.
 */
public final class UndoRunner {
    /**
     * What the commit would run out of the probe's sight, run before it as a last step: deferred constraint checks and
     * constraint triggers (which can delete rows). By then no script is left whose deferred checks this could hasten.
     */
    public static final UndoScript DEFERRED_WORK = UndoScript.own("deferred constraints", "SET CONSTRAINTS ALL IMMEDIATE");

    private final Connection connection;
    private final String historySchema;
    private final UndoBackup backup;
    private final boolean dryRun;
    private boolean anyScriptMayHideDrops;
    /** The catalog as it is now, when known: the next script's "before". */
    private CatalogSnapshot current;

    /**
     * @param dryRun count what would be copied instead of copying it (the caller rolls everything back)
     */
    public UndoRunner(Connection connection, String historySchema, UndoBackup backup, boolean dryRun)
            throws SQLException {
        this.connection = connection;
        this.historySchema = historySchema;
        this.backup = backup;
        this.dryRun = dryRun;
        this.anyScriptMayHideDrops = eventTriggersEnabled(connection);
    }

    /**
     * Refuses, before anything runs, a database where the probe could not see deleted or updated rows: PostgreSQL
     * counts them only with {@code track_counts} on (its default, which autovacuum needs too).
     */
    public static boolean rowChangesVisible(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('track_counts')::boolean")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** An event trigger can run any code on a harmless DDL statement, so then every script is probed. */
    private static boolean eventTriggersEnabled(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtenabled <> 'D')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Runs one undo script; returns what was copied (in a dry run: what would be, with rows counted). */
    public List<BackupTable> run(String version, UndoScript script)
            throws SQLException, ScriptRunner.ScriptFailure, ProbeMismatch, BackupFailure, Unprobeable {
        if (!anyScriptMayHideDrops && script.provablyHarmless()) {
            ScriptRunner.run(connection, script.parsed());
            current = null; // it may have created tables, which the next script could drop
            return List.of();
        }
        CatalogSnapshot before = current != null ? current : CatalogSnapshot.read(connection, historySchema);
        Savepoint probe = connection.setSavepoint();
        ScriptRunner.run(connection, script.parsed());
        CatalogSnapshot after = CatalogSnapshot.read(connection, historySchema);
        List<CatalogSnapshot.Loss> lost = before.lostIn(after);
        requireSeen(before, after, before.backups());
        // the script may have created one; the real run would create it again
        anyScriptMayHideDrops |= after.eventTriggers();
        if (lost.isEmpty()) {
            connection.releaseSavepoint(probe);
            current = after;
            return List.of();
        }
        connection.rollback(probe);
        if (dryRun) {
            List<BackupTable> would = backup.describe(version, lost);
            ScriptRunner.run(connection, script.parsed());
            current = null;
            return would;
        }
        // an event trigger runs on the backups' own CREATE statements too, and could destroy data itself; compared
        // with the catalog as rolled back, since the row counters keep what the probe did
        CatalogSnapshot rolledBack = before.eventTriggers() ? CatalogSnapshot.read(connection, historySchema) : null;
        List<BackupTable> kept;
        try {
            kept = backup.keep(version, lost);
        } catch (SQLException e) {
            throw new BackupFailure(e);
        }
        if (rolledBack != null) {
            List<String> destroyed = new ArrayList<>();
            for (CatalogSnapshot.Loss loss : rolledBack.lostIn(CatalogSnapshot.read(connection, historySchema))) {
                destroyed.add(rolledBack.nameOf(loss.oid()));
            }
            if (!destroyed.isEmpty()) {
                throw new Unprobeable(Unprobeable.Reason.BACKUP_STATEMENTS_DESTROYED, destroyed);
            }
        }
        CatalogSnapshot.Backups withCopies = CatalogSnapshot.backups(connection);
        ScriptRunner.run(connection, script.parsed());
        CatalogSnapshot afterRealRun = CatalogSnapshot.read(connection, historySchema);
        List<CatalogSnapshot.Loss> lostForReal = before.lostIn(afterRealRun);
        requireSeen(before, afterRealRun, withCopies);
        List<String> notCopied = new ArrayList<>();
        for (CatalogSnapshot.Loss loss : lostForReal) {
            if (!CatalogSnapshot.covers(lost, loss)) {
                notCopied.add(before.nameOf(loss.oid()));
            }
        }
        if (!notCopied.isEmpty()) {
            throw new ProbeMismatch(notCopied);
        }
        current = afterRealRun;
        return kept;
    }

    /**
     * Refuses a run the probe could not see whole: row counting off at either snapshot, or the backups' tables not as
     * they were when the script started ({@code backups}: before the probe, or with this step's copies made).
     */
    private static void requireSeen(CatalogSnapshot before, CatalogSnapshot after, CatalogSnapshot.Backups backups)
            throws Unprobeable {
        if (!before.rowChangesVisible() || !after.rowChangesVisible()) {
            throw new Unprobeable(Unprobeable.Reason.ROW_COUNTING_OFF, List.of());
        }
        if (!after.backups().equals(backups)) {
            throw new Unprobeable(Unprobeable.Reason.BACKUPS_DESTROYED, List.of());
        }
    }

    /** A script whose effect the probe cannot see whole, or keep: why, and the relations it concerns. */
    public static final class Unprobeable extends Exception {
        private static final long serialVersionUID = 1L;

        /** What made the probe blind. */
        public enum Reason {
            /** The script switched track_counts off, so deleted and updated rows no longer show. */
            ROW_COUNTING_OFF,
            /** The script dropped or changed the backups' tables in db_migrate_backup. */
            BACKUPS_DESTROYED,
            /** An event trigger destroyed data when the backups' own statements ran. */
            BACKUP_STATEMENTS_DESTROYED
        }

        private final Reason reason;
        private final List<String> relations;

        Unprobeable(Reason reason, List<String> relations) {
            super(reason + " " + relations);
            this.reason = reason;
            this.relations = List.copyOf(relations);
        }

        public Reason reason() {
            return reason;
        }

        /** {@code schema.name} of the relations destroyed on the backups' statements; empty for the other reasons. */
        public List<String> relations() {
            return relations;
        }
    }

    /** Copying what a script destroys failed (no room, no privilege, a trigger that refuses). */
    public static final class BackupFailure extends Exception {
        private static final long serialVersionUID = 1L;

        BackupFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** A script that destroyed more when run for real than when probed (it depends on time, chance or state). */
    public static final class ProbeMismatch extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> relations;

        ProbeMismatch(List<String> relations) {
            super("destroyed more when run than when probed: " + String.join(", ", relations));
            this.relations = List.copyOf(relations);
        }

        /** What the real run destroyed that the probe had not: {@code schema.name} each. */
        public List<String> relations() {
            return relations;
        }
    }
}
