package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can hold data, in every schema but the system's and the backups': each table, partition, standalone sequence,
 * view and materialized view by oid, so a rename is no loss and a drop under any name is one. With each table: its live
 * columns (attnum), its storage (relfilenode: TRUNCATE and rewrites give a new one) and the rows this transaction has
 * deleted or updated in it (pg_stat's xact counters). Two snapshots around a script tell what it destroyed, whatever the
 * script's text looks like.
 * <p>
 * With the relations, what the probe relies on at that moment: whether the server counts row changes
 * ({@code track_counts}, which a script could switch off), whether an event trigger is enabled (which a script could
 * create, and which runs code on any DDL, the backups' own included), and the backups' tables in sum (a script must
 * not destroy them; summed, since a downgrade adds one or more per step and every snapshot would read them all).
 */
record CatalogSnapshot(Map<Long, Relation> relations, boolean rowChangesVisible, boolean eventTriggers,
                       Backups backups) {

    /** {@code parent}: for a partition, its partition tree's root, whose copy holds the partition's rows; else 0. */
    record Relation(long oid, String name, char kind, long storage, long rowChanges, Set<Integer> columns, long parent) {
        boolean isTable() {
            return kind == 'r' || kind == 'p';
        }
    }

    /**
     * The tables of schema db_migrate_backup in sum: how many, their oids and storage summed, and the rows deleted or
     * updated in them. Equal sums around a script mean it dropped, truncated, rewrote or changed none of them.
     */
    record Backups(long tables, long oids, long storage, long rowChanges) {
    }

    private static final String BACKUPS = "SELECT count(*), coalesce(sum(c.oid::bigint), 0),"
            + " coalesce(sum(c.relfilenode::bigint), 0), coalesce(sum(pg_stat_get_xact_tuples_deleted(c.oid)"
            + " + pg_stat_get_xact_tuples_updated(c.oid)), 0) FROM pg_class c JOIN pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = '" + BackupCatalog.SCHEMA + "' AND c.relkind = 'r'";

    /** What one script destroyed in one relation. */
    record Loss(long oid, BackupKind kind, Set<Integer> columns) {
    }

    enum BackupKind { DROPPED, ROWS, COLUMNS }

    // one row of settings and sums, joined to every relation (or to none: an empty database still answers the rest)
    private static final String QUERY = "SELECT s.*, r.* FROM (SELECT"
            + " current_setting('track_counts')::boolean AS counting,"
            + " EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtenabled <> 'D') AS event_triggers, b.* FROM ("
            + BACKUPS + ") b) s LEFT JOIN ("
            + "SELECT c.oid, n.nspname || '.' || c.relname, c.relkind, c.relfilenode,"
            + " CASE WHEN c.relkind = 'r' THEN pg_stat_get_xact_tuples_deleted(c.oid)"
            + " + pg_stat_get_xact_tuples_updated(c.oid) ELSE 0 END,"
            + " CASE WHEN c.relkind IN ('r', 'p') THEN (SELECT string_agg(a.attnum::text, ',') FROM pg_attribute a"
            + " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) END,"
            + " CASE WHEN c.relispartition THEN pg_partition_root(c.oid)::oid ELSE 0 END"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm')"
            // a serial or identity column's sequence goes with its column, whose copy holds the values
            + " AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
            + " AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', '" + BackupCatalog.SCHEMA + "')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
            + " AND NOT (n.nspname = ? AND c.relname IN ('" + HistoryTable.NAME + "', '" + AuditLog.TABLE + "'))"
            + ") r ON true";

    /** Reads the snapshot; {@code historySchema} holds db-migrate's own tables, which are not the script's. */
    static CatalogSnapshot read(Connection connection, String historySchema) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        boolean counting = true;
        boolean eventTriggers = false;
        Backups backups = null;
        try (PreparedStatement st = connection.prepareStatement(QUERY)) {
            st.setString(1, historySchema);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counting = rs.getBoolean(1);
                    eventTriggers = rs.getBoolean(2);
                    backups = new Backups(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                    if (rs.getString(7) == null) {
                        continue; // no relation at all
                    }
                    Set<Integer> columns = new LinkedHashSet<>();
                    String attnums = rs.getString(12);
                    if (attnums != null) {
                        for (String attnum : attnums.split(",")) {
                            columns.add(Integer.parseInt(attnum));
                        }
                    }
                    long oid = rs.getLong(7);
                    relations.put(oid, new Relation(oid, rs.getString(8), rs.getString(9).charAt(0), rs.getLong(10),
                            rs.getLong(11), columns, rs.getLong(13)));
                }
            }
        }
        return new CatalogSnapshot(relations, counting, eventTriggers, backups);
    }

    /** The backups' tables in sum, as they are now: after this run has added its copies, the next check's start. */
    static Backups backups(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(BACKUPS); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new Backups(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /**
     * What is gone or changed in {@code after}: relations dropped, columns dropped, tables whose rows were deleted,
     * updated, truncated or rewritten. A partition's loss is left out when its root lost the same or all, since a
     * copy of the root holds the partition's rows.
     */
    List<Loss> lostIn(CatalogSnapshot after) {
        Map<Long, Loss> losses = new HashMap<>();
        for (Relation before : relations.values()) {
            Relation now = after.relations.get(before.oid());
            if (now == null) {
                losses.put(before.oid(), new Loss(before.oid(), BackupKind.DROPPED, Set.of()));
            } else if (before.kind() == 'r' && (now.storage() != before.storage()
                    || now.rowChanges() != before.rowChanges())) {
                losses.put(before.oid(), new Loss(before.oid(), BackupKind.ROWS, Set.of()));
            } else if (before.isTable() && !now.columns().containsAll(before.columns())) {
                Set<Integer> dropped = new LinkedHashSet<>(before.columns());
                dropped.removeAll(now.columns());
                losses.put(before.oid(), new Loss(before.oid(), BackupKind.COLUMNS, dropped));
            }
        }
        List<Loss> kept = new ArrayList<>();
        for (Loss loss : losses.values()) {
            long parent = relations.get(loss.oid()).parent();
            Loss parentLoss = parent == 0 || parent == loss.oid() ? null : losses.get(parent);
            if (parentLoss == null || (parentLoss.kind() != BackupKind.DROPPED && parentLoss.kind() != loss.kind())) {
                kept.add(loss);
            }
        }
        kept.sort((a, b) -> Long.compare(a.oid(), b.oid()));
        return kept;
    }

    /** The relation's name as it was in this snapshot, {@code schema.name}. */
    String nameOf(long oid) {
        Relation relation = relations.get(oid);
        return relation == null ? "oid " + oid : relation.name();
    }

    /** Whether a copy made for {@code made} keeps everything {@code loss} destroys. */
    static boolean covers(List<Loss> made, Loss loss) {
        for (Loss m : made) {
            if (m.oid() == loss.oid() && (m.kind() != BackupKind.COLUMNS
                    || (loss.kind() == BackupKind.COLUMNS && m.columns().containsAll(loss.columns())))) {
                return true;
            }
        }
        return false;
    }
}
