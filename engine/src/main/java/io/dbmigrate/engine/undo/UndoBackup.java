package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.sql.Identifiers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies what an undo script destroys into schema {@code db_migrate_backup}, inside the downgrade's transaction, and
 * records each copy in the {@link BackupCatalog}: source, migration version, time, rows, actor. What
 * to copy comes from {@link CatalogSnapshot#lostIn}, found by running the script under a savepoint; the copies are
 * made after rolling back to that savepoint, so they hold the data as it was. Sources are found by oid, never by
 * parsing names. Empty tables are not copied.
 */
public final class UndoBackup {
    /** Room for "_" and 8 hex digits of hash after the readable part of a backup's name. */
    private static final int READABLE_BYTES = Identifiers.MAX_BYTES - 9;

    private final Connection connection;
    private final String actor;
    private final String runId;
    private boolean ready;

    /** @param runId unique to this downgrade, so backup names of two runs never collide */
    public UndoBackup(Connection connection, String actor, String runId) {
        this.connection = connection;
        this.actor = actor;
        this.runId = runId;
    }

    /** A relation as it is now, found by oid; {@code columns} in attribute order. */
    private record Source(long oid, String schema, String name, char kind, List<Column> columns) {
        List<String> key() {
            return columns.stream().filter(Column::inKey).map(Column::name).toList();
        }
    }

    /** {@code asText}: of a type that is not built in (enum, domain...), copied as text so an undo can drop the type. */
    private record Column(String name, int attnum, boolean asText, boolean inKey) {
    }

    /**
     * Copies what {@code losses} name, from the database as it is now (before the script); returns the copies. A copy
     * reads with row security off: a policy that would hide rows makes it fail instead of keeping only some.
     */
    List<BackupTable> keep(String version, List<CatalogSnapshot.Loss> losses) throws SQLException {
        String rowSecurity = RowSecurity.off(connection);
        List<BackupTable> kept = new ArrayList<>();
        for (CatalogSnapshot.Loss loss : losses) {
            Source source = source(loss.oid());
            Plan plan = plan(source, loss);
            if (plan.kind() == BackupTable.Kind.VIEW) {
                kept.add(record(version, plan, "", 0, viewDefinition(source.oid())));
                continue;
            }
            String name = name(version, source, loss);
            String table = Identifiers.quote(BackupCatalog.SCHEMA, name);
            ensureReady();
            try (Statement st = connection.createStatement()) {
                // CREATE TABLE AS reports the rows it copied, like a SELECT
                long rows = st.executeUpdate("CREATE TABLE " + table + " AS " + plan.select());
                if (rows == 0) {
                    st.execute("DROP TABLE " + table);
                    continue;
                }
                kept.add(record(version, plan, BackupCatalog.SCHEMA + "." + name, rows, null));
            }
        }
        RowSecurity.restore(connection, rowSecurity);
        return kept;
    }

    /** What {@link #keep} would copy, counted but not copied (for a dry run). */
    List<BackupTable> describe(String version, List<CatalogSnapshot.Loss> losses) throws SQLException {
        String rowSecurity = RowSecurity.off(connection);
        List<BackupTable> would = new ArrayList<>();
        for (CatalogSnapshot.Loss loss : losses) {
            Plan plan = plan(source(loss.oid()), loss);
            long rows = 0;
            if (plan.kind() != BackupTable.Kind.VIEW) {
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + plan.select() + ") AS copy")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                if (rows == 0) {
                    continue;
                }
            }
            would.add(new BackupTable(plan.kind(), plan.source().schema(), plan.source().name(), plan.columns(),
                    plan.key(), "", rows, version, "", actor, 0, "", 0));
        }
        RowSecurity.restore(connection, rowSecurity);
        return would;
    }

    /** What one copy holds: its kind, the query that makes it, and the columns it names. */
    private record Plan(BackupTable.Kind kind, Source source, String select, List<String> columns, List<String> key) {
    }

    private static Plan plan(Source source, CatalogSnapshot.Loss loss) {
        String from = (source.kind() == 'r' ? " FROM ONLY " : " FROM ") + Identifiers.quote(source.schema(), source.name());
        if (source.kind() == 'v' || source.kind() == 'm') {
            return new Plan(BackupTable.Kind.VIEW, source, "", List.of(), List.of());
        }
        if (source.kind() == 'S') {
            return new Plan(BackupTable.Kind.SEQUENCE, source, "SELECT last_value, is_called" + from, List.of(),
                    List.of());
        }
        if (loss.kind() == CatalogSnapshot.BackupKind.COLUMNS) {
            List<Column> dropped = source.columns().stream().filter(c -> loss.columns().contains(c.attnum())).toList();
            List<String> key = source.key();
            // without a primary key the rows cannot be joined back by key: keep them whole
            List<Column> copied = key.isEmpty() ? source.columns() : source.columns().stream()
                    .filter(c -> c.inKey() || loss.columns().contains(c.attnum())).toList();
            return new Plan(BackupTable.Kind.COLUMNS, source, select(copied) + from,
                    dropped.stream().map(Column::name).toList(), key);
        }
        BackupTable.Kind kind = loss.kind() == CatalogSnapshot.BackupKind.DROPPED ? BackupTable.Kind.TABLE
                : BackupTable.Kind.ROWS;
        return new Plan(kind, source, select(source.columns()) + from, List.of(), source.key());
    }

    private static String select(List<Column> columns) {
        return "SELECT " + String.join(", ", columns.stream().map(c -> c.asText()
                ? Identifiers.quote(c.name()) + "::text AS " + Identifiers.quote(c.name())
                : Identifiers.quote(c.name())).toList());
    }

    private Source source(long oid) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, c.relkind, a.attname, a.attnum,"
                + " t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace),"
                + " coalesce(a.attnum = ANY (i.indkey), false)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " LEFT JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
                + " WHERE c.oid = ? ORDER BY a.attnum";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                List<Column> columns = new ArrayList<>();
                String schema = null;
                String name = null;
                char kind = 'r';
                while (rs.next()) {
                    schema = rs.getString(1);
                    name = rs.getString(2);
                    kind = rs.getString(3).charAt(0);
                    if (rs.getString(4) != null) {
                        columns.add(new Column(rs.getString(4), rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7)));
                    }
                }
                if (schema == null) {
                    throw new SQLException("relation " + oid + " is gone before it could be backed up", "55000");
                }
                return new Source(oid, schema, name, kind, columns);
            }
        }
    }

    private String viewDefinition(long oid) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_get_viewdef(?::oid, true)")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * {@code v<version>_<object>[_<column>]_<hash>}: readable, at most 63 bytes (PostgreSQL would cut a longer name,
     * and two long names could become one), and unique through a hash of this run and the source.
     */
    private String name(String version, Source source, CatalogSnapshot.Loss loss) {
        String readable = "v" + version.replace('.', '_') + "_" + source.name();
        if (loss.kind() == CatalogSnapshot.BackupKind.COLUMNS) {
            readable += "_" + source.columns().stream().filter(c -> loss.columns().contains(c.attnum()))
                    .map(Column::name).findFirst().orElse("");
        }
        return Identifiers.truncate(readable, READABLE_BYTES) + "_"
                + hash(runId + "/" + source.oid() + "/" + loss.kind() + "/" + loss.columns());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private BackupTable record(String version, Plan plan, String table, long rows, String definition)
            throws SQLException {
        ensureReady();
        return BackupCatalog.add(connection, new BackupTable(plan.kind(), plan.source().schema(), plan.source().name(),
                plan.columns(), plan.key(), table, rows, version, "", actor, 0, "", 0), definition);
    }

    private void ensureReady() throws SQLException {
        if (!ready) {
            BackupCatalog.create(connection);
            ready = true;
        }
    }
}
