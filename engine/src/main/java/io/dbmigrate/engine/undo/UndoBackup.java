package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.BackupTable;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.plan.Finding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps what an undo script would destroy, inside the downgrade's transaction, before the script runs:
 * the tables it drops (and tables it truncates or empties) as whole copies, the columns it drops together
 * with the table's primary key, all in schema {@code db_migrate_backup}. What is dropped comes from the
 * script's own statements; when the script may drop more than it names (DROP SCHEMA, CASCADE, a rename,
 * dynamic SQL) it is run under a savepoint, the catalog compared before and after, and rolled back.
 * Scripts without a destructive statement, and empty tables, cost nothing.
 */
public final class UndoBackup {
    public static final String SCHEMA = "db_migrate_backup";
    private static final Set<String> DROPS = Set.of("DS101", "DS102", "DS103");
    private static final Set<String> EMPTIES = Set.of("DS104", "DS105");
    private static final int MAX_IDENTIFIER = 63;
    private static final Pattern DYNAMIC = Pattern.compile("(?i)\\b(CASCADE|RENAME|EXECUTE|DO|CALL)\\b|\\$\\w*\\$");

    private final Connection connection;
    private final List<String> schemas;
    private final String stamp;
    private boolean schemaReady;

    /**
     * @param schemas the schemas the migrations manage (a DROP SCHEMA's target is added per script)
     * @param stamp   the downgrade's start time, yyyyMMdd_HHmmss, shared by all its backup tables
     */
    public UndoBackup(Connection connection, List<String> schemas, String stamp) {
        this.connection = connection;
        this.schemas = List.copyOf(schemas);
        this.stamp = stamp;
    }

    /** Whether any finding means data can be lost: only then is anything backed up. */
    public static boolean needed(List<Finding> findings) {
        return findings.stream().anyMatch(f -> DROPS.contains(f.code()) || EMPTIES.contains(f.code()));
    }

    /** Copies what {@code sql} would drop or empty; returns the backups made. The script itself is not kept run. */
    public List<BackupTable> backUp(String version, String sql, List<Finding> findings)
            throws SQLException, ScriptRunner.ScriptFailure {
        // Ask the catalog only about what the script can drop: the tables it names, or whole schemas for a
        // DROP SCHEMA. With hundreds of tables, reading them all around every undo script would cost O(n²).
        List<String> scope = new ArrayList<>(schemas);
        Set<String> relations = new HashSet<>();
        boolean wholeSchemas = false;
        for (Finding f : findings) {
            if (f.code().equals("DS101")) {
                scope.add(unquote(f.target()));
                wholeSchemas = true;
            } else {
                String table = unquote(f.target());
                relations.add(table.substring(table.lastIndexOf('.') + 1));
            }
        }
        // a probed script may drop tables it does not name: then every table of the scope is asked about
        boolean probe = mayDropMoreThanItNames(sql, wholeSchemas);
        Set<String> only = probe ? Set.of() : relations;
        Map<String, Table> before = tables(scope, only);
        Map<String, Table> after = probe ? probe(sql, scope, only) : named(before, findings);
        List<BackupTable> backups = new ArrayList<>();
        for (Table table : before.values()) {
            Table still = after.get(table.qualified());
            if (still == null) {
                copy(version, table, table.columns(), table.qualified()).ifPresent(backups::add);
                continue;
            }
            List<String> dropped = table.columns().stream().filter(c -> !still.columns().contains(c)).toList();
            if (!dropped.isEmpty()) {
                List<String> kept = new ArrayList<>(table.primaryKey());
                kept.addAll(dropped);
                copy(version, table, kept, table.qualified() + "." + String.join(",", dropped)).ifPresent(backups::add);
            }
        }
        for (Finding f : findings) {
            if (EMPTIES.contains(f.code())) {
                Table emptied = find(before, f.target());
                if (emptied != null && backups.stream().noneMatch(b -> b.source().equals(emptied.qualified()))) {
                    copy(version, emptied, emptied.columns(), emptied.qualified()).ifPresent(backups::add);
                }
            }
        }
        return backups;
    }

    /**
     * When the script may drop what its statements do not name (a DROP SCHEMA, CASCADE, a rename before a
     * drop, dynamic SQL), the catalog after it is read by running it under a savepoint and rolling back.
     */
    private static boolean mayDropMoreThanItNames(String sql, boolean dropsSchema) {
        return dropsSchema || DYNAMIC.matcher(sql).find();
    }

    private Map<String, Table> probe(String sql, List<String> scope, Set<String> only)
            throws SQLException, ScriptRunner.ScriptFailure {
        Savepoint probe = connection.setSavepoint();
        try {
            ScriptRunner.run(connection, sql);
            return tables(scope, only);
        } finally {
            connection.rollback(probe);
        }
    }

    /** The catalog after the script, from its named drops alone: tables it drops gone, columns it drops removed. */
    private Map<String, Table> named(Map<String, Table> before, List<Finding> findings) {
        Map<String, Table> after = new LinkedHashMap<>(before);
        for (Finding f : findings) {
            Table table = find(before, f.target());
            if (table == null) {
                continue;
            }
            if (f.code().equals("DS102")) {
                after.remove(table.qualified());
            } else if (f.code().equals("DS103") && after.containsKey(table.qualified())) {
                String column = unquote(f.text().substring(("Dropping column " + f.target() + ".").length()));
                Table current = after.get(table.qualified());
                List<String> columns = new ArrayList<>(current.columns());
                columns.remove(column);
                after.put(table.qualified(), new Table(current.schema(), current.name(), columns,
                        current.primaryKey(), current.asText()));
            }
        }
        return after;
    }

    /** {@code asText}: columns whose type is not built in, copied as text. */
    private record Table(String schema, String name, List<String> columns, List<String> primaryKey,
                         Set<String> asText) {
        String qualified() {
            return schema + "." + name;
        }
    }

    /** Tables and their columns in {@code scope}; only those named in {@code only} unless it is empty. */
    private Map<String, Table> tables(List<String> scope, Set<String> only) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, a.attname, coalesce(a.attnum = ANY (i.indkey), false),"
                + " t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
                + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p')"
                + (only.isEmpty() ? "" : " AND c.relname = ANY (?)")
                + " AND c.relname NOT IN ('" + HistoryTable.NAME + "', '" + AuditLog.TABLE + "')"
                + " ORDER BY n.nspname, c.relname, a.attnum";
        Map<String, Table> tables = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("text", scope.toArray()));
            if (!only.isEmpty()) {
                st.setArray(2, connection.createArrayOf("text", only.toArray()));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Table t = tables.computeIfAbsent(rs.getString(1) + "." + rs.getString(2),
                            k -> new Table(k.substring(0, k.indexOf('.')), k.substring(k.indexOf('.') + 1),
                                    new ArrayList<>(), new ArrayList<>(), new HashSet<>()));
                    t.columns().add(rs.getString(3));
                    if (rs.getBoolean(4)) {
                        t.primaryKey().add(rs.getString(3));
                    }
                    if (rs.getBoolean(5)) {
                        t.asText().add(rs.getString(3));
                    }
                }
            }
        }
        return tables;
    }

    private Table find(Map<String, Table> tables, String name) {
        String bare = unquote(name);
        if (tables.containsKey(bare)) {
            return tables.get(bare);
        }
        return tables.values().stream().filter(t -> t.name().equals(bare) && schemas.contains(t.schema()))
                .findFirst().orElse(null);
    }

    /** Copies the columns into a backup table; an empty copy is dropped again: there was nothing to lose. */
    private Optional<BackupTable> copy(String version, Table table, List<String> columns, String source)
            throws SQLException {
        String suffix = source.substring(table.schema().length() + 1).replace('.', '_').replace(',', '_');
        String name = ("v" + version.replace('.', '_') + "_" + stamp + "_" + suffix).toLowerCase(Locale.ROOT);
        if (name.length() > MAX_IDENTIFIER) {
            name = name.substring(0, MAX_IDENTIFIER);
        }
        String select = String.join(", ", columns.stream().map(c -> table.asText().contains(c)
                ? quote(c) + "::text AS " + quote(c) : quote(c)).toList());
        ensureSchema();
        String backup = quote(SCHEMA) + "." + quote(name);
        try (Statement st = connection.createStatement()) {
            // CREATE TABLE AS reports the rows it copied, like a SELECT
            long rows = st.executeUpdate("CREATE TABLE " + backup + " AS SELECT " + select + " FROM "
                    + quote(table.schema()) + "." + quote(table.name()));
            if (rows == 0) {
                st.execute("DROP TABLE " + backup);
                return Optional.empty();
            }
            return Optional.of(new BackupTable(source, SCHEMA + "." + name, rows));
        }
    }

    private void ensureSchema() throws SQLException {
        if (!schemaReady) {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            }
            schemaReady = true;
        }
    }

    /** Backup tables kept so far, with their row counts (for info). */
    public static List<BackupTable> list(Connection connection) throws SQLException {
        List<BackupTable> backups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename")) {
            st.setString(1, SCHEMA);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(SCHEMA) + "." + quote(name))) {
                    rs.next();
                    backups.add(new BackupTable("", SCHEMA + "." + name, rs.getLong(1)));
                }
            }
        }
        return backups;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** An identifier as PostgreSQL stores it: quoted parts kept as written, unquoted ones folded to lower case. */
    private static String unquote(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(part.startsWith("\"") ? part.replace("\"", "") : part.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
