package io.dbmigrate.engine.info;

import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flyway's {@code info()} without starting Flyway: the history table read with plain JDBC, the folders scanned as
 * Flyway scans them, and each migration's state computed as Flyway 13's MigrationInfoServiceImpl computes it (what
 * db-migrate configures: target latest, no cherry-picking, no ignore patterns). Starting Flyway (its configuration,
 * plugins and class graph) costs more than reading; read paths (current, info, status, a downgrade's planning) use
 * this, and so does the check before an upgrade; Flyway itself runs only to migrate and repair.
 *
 * @param all     every migration, in Flyway's order
 * @param current the applied migration Flyway calls current, or null
 */
public record HistoryInfo(List<MigrationInfo> all, MigrationInfo current) {

    /**
     * The reading of one run: the folders are scanned (every script read and checksummed) at the first reading only,
     * the history at each. No run writes a migration and then reads the folders again (create writes scripts and reads
     * none after), so a downgrade's report at its end does not read every script a second time.
     */
    public static final class Reader {
        private final List<Path> folders;
        private final InfoSettings settings;
        private Optional<List<ResolvedScript>> scripts;

        public Reader(List<Path> folders, InfoSettings settings) {
            this.folders = List.copyOf(folders);
            this.settings = settings;
        }

        /**
         * Reads the history (and, the first time, the folders); empty when the folders or the history hold anything
         * this reading does not cover (see ScriptScan, AppliedRow), and Flyway must read them.
         *
         * @param historyExists whether {@code schema.table} exists (else no row is read)
         */
        public Optional<HistoryInfo> read(Connection connection, String schema, String table, boolean historyExists)
                throws SQLException {
            Optional<List<ResolvedScript>> scripts = scripts();
            if (scripts.isEmpty()) {
                return Optional.empty();
            }
            Optional<List<AppliedRow>> rows = historyExists ? AppliedRow.readAll(connection, schema, table)
                    : Optional.of(List.of());
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            return compute(scripts.get(), rows.get(), settings.outOfOrder());
        }

        /** Scans the folders now, if no reading has: a session starts this on a second thread as it connects. */
        public void scan() {
            scripts();
        }

        private synchronized Optional<List<ResolvedScript>> scripts() {
            if (scripts == null) {
                scripts = new ScriptScan(settings).resolve(folders);
            }
            return scripts;
        }
    }

    private static final class Attributes {
        boolean outOfOrder;
        boolean deleted;
    }

    private record Applied(AppliedRow row, Attributes attributes) {
    }

    /** MigrationInfoServiceImpl.refresh, step by step; empty where Flyway would refuse the history. */
    static Optional<HistoryInfo> compute(List<ResolvedScript> resolved, List<AppliedRow> rows, boolean outOfOrder) {
        InfoContext context = new InfoContext();
        context.outOfOrder = outOfOrder;

        Map<MigrationVersion, ResolvedScript> resolvedVersioned = new TreeMap<>();
        Map<String, ResolvedScript> resolvedRepeatable = new TreeMap<>();
        for (ResolvedScript script : resolved) {
            if (script.version() != null) {
                if (script.version().compareTo(context.lastResolved) > 0) {
                    context.lastResolved = script.version();
                }
                resolvedVersioned.put(script.version(), script);
            } else {
                resolvedRepeatable.put(script.description(), script);
            }
        }

        List<Applied> appliedVersioned = new ArrayList<>();
        for (AppliedRow row : rows) {
            if (row.version() == null) {
                continue;
            }
            if (row.type().isBaseline()
                    && (context.appliedBaseline == null || row.version().isNewerThan(context.appliedBaseline.getVersion()))) {
                context.appliedBaseline = row.version();
            }
            if (row.type() == CoreMigrationType.DELETE && row.success()) {
                if (!markAsDeleted(row.version(), appliedVersioned)) {
                    return Optional.empty(); // Flyway: corrupted schema history, multiple delete entries
                }
                continue;
            }
            appliedVersioned.add(new Applied(row, new Attributes()));
        }
        List<Applied> appliedRepeatable = new ArrayList<>();
        for (AppliedRow row : rows) {
            if (row.version() == null) {
                appliedRepeatable.add(new Applied(row, new Attributes()));
                if (row.type() == CoreMigrationType.DELETE && row.success()) {
                    markRepeatableAsDeleted(row.description(), appliedRepeatable);
                }
            }
        }

        for (Applied av : appliedVersioned) {
            MigrationVersion version = av.row().version();
            if (version.compareTo(context.lastApplied) > 0) {
                if (av.row().type() != CoreMigrationType.DELETE && !av.attributes().deleted) {
                    context.lastApplied = version;
                }
            } else {
                av.attributes().outOfOrder = true;
            }
        }

        List<ListedMigration> infos = new ArrayList<>();
        for (Applied av : appliedVersioned) {
            ResolvedScript script = resolvedVersioned.get(av.row().version());
            // Flyway pairs a row with a script of the same type; every script here is SQL
            if (av.row().type() != CoreMigrationType.SQL) {
                script = null;
            }
            infos.add(new ListedMigration(script, av.row(), context, av.attributes().outOfOrder,
                    av.attributes().deleted));
        }

        // keyed as resolvedVersioned is (one script per version), not by the scripts: a record's first hashCode costs
        // a short command more than this whole computation
        Map<MigrationVersion, ResolvedScript> pendingVersioned = new TreeMap<>(resolvedVersioned);
        for (Applied av : appliedVersioned) {
            if (av.row().type() == CoreMigrationType.SQL && !av.attributes().deleted) {
                pendingVersioned.remove(av.row().version());
            }
        }
        // a resolved SQL script is never a baseline, so the pending baseline stays unset, as in Flyway here
        for (ResolvedScript script : pendingVersioned.values()) {
            infos.add(new ListedMigration(script, null, context, false, false));
        }

        context.latestRepeatableRuns = latestRepeatableRuns(appliedRepeatable);
        for (Applied ar : appliedRepeatable) {
            ResolvedScript script = resolvedRepeatable.get(ar.row().description());
            infos.add(new ListedMigration(script, ar.row(), context, false, ar.attributes().deleted));
        }

        Map<String, ResolvedScript> pendingRepeatable = new TreeMap<>(resolvedRepeatable);
        for (Applied ar : appliedRepeatable) {
            ResolvedScript script = resolvedRepeatable.get(ar.row().description());
            Integer latest = context.latestRepeatableRuns.get(ar.row().description());
            if (!ar.attributes().deleted && ar.row().type() != CoreMigrationType.DELETE && script != null
                    && latest != null && ar.row().installedRank() == latest
                    && script.checksumMatches(ar.row().checksum())) {
                pendingRepeatable.remove(ar.row().description());
            }
        }
        pendingRepeatable.values().forEach(script -> infos.add(new ListedMigration(script, null, context, false, false)));

        infos.sort(null);
        return Optional.of(new HistoryInfo(List.copyOf(infos), current(infos)));
    }

    private static Map<String, Integer> latestRepeatableRuns(List<Applied> appliedRepeatable) {
        Map<String, Integer> latest = new HashMap<>();
        for (Applied ar : appliedRepeatable) {
            if (ar.attributes().deleted && ar.row().type() == CoreMigrationType.DELETE) {
                continue;
            }
            latest.merge(ar.row().description(), ar.row().installedRank(), Math::max);
        }
        return latest;
    }

    /** Marks the latest row of this version deleted; false when it was already (Flyway refuses such a history). */
    private static boolean markAsDeleted(MigrationVersion version, List<Applied> appliedVersioned) {
        for (int i = appliedVersioned.size() - 1; i >= 0; i--) {
            Applied av = appliedVersioned.get(i);
            if (!av.row().type().isSynthetic() && version.equals(av.row().version())) {
                if (av.attributes().deleted) {
                    return false;
                }
                av.attributes().deleted = true;
                return true;
            }
        }
        return true;
    }

    private static void markRepeatableAsDeleted(String description, List<Applied> appliedRepeatable) {
        for (int i = appliedRepeatable.size() - 1; i >= 0; i--) {
            Applied ar = appliedRepeatable.get(i);
            if (!ar.row().type().isSynthetic() && description.equals(ar.row().description())) {
                ar.attributes().deleted = true;
                return;
            }
        }
    }

    /** MigrationInfoServiceImpl.current: the highest applied version, else the latest applied repeatable one. */
    private static MigrationInfo current(List<ListedMigration> infos) {
        MigrationInfo current = null;
        for (ListedMigration info : infos) {
            if (isCurrentCandidate(info) && info.getVersion() != null
                    && (current == null || info.getVersion().compareTo(current.getVersion()) > 0)) {
                current = info;
            }
        }
        if (current != null) {
            return current;
        }
        for (int i = infos.size() - 1; i >= 0; i--) {
            ListedMigration info = infos.get(i);
            if (isCurrentCandidate(info) && info.getVersion() == null) {
                return info;
            }
        }
        return null;
    }

    private static boolean isCurrentCandidate(MigrationInfo info) {
        return info.getState().isApplied() && info.getState() != MigrationState.DELETED
                && info.getType() != CoreMigrationType.DELETE && info.getState() != MigrationState.UNDONE;
    }
}
