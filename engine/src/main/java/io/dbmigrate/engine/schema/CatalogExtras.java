package io.dbmigrate.engine.schema;

import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.undo.BackupCatalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static io.dbmigrate.engine.schema.CatalogQuery.forEachRow;

/**
 * What {@link CatalogModel} leaves out, read so that a proof of an undo script sees it: triggers (with their
 * definition), comments, privileges, owners, table options (persistence, row security, partition key and bound,
 * inheritance, storage options), column collations, and, as a net for everything else, every object of the database
 * that is not built in (pg_identify_object of each row with an oid of 16384 or more, in every catalog that holds
 * objects: a cast, an operator, a policy, an extension, a schema...). Keyed by what the object is, so two readings
 * compare into a readable difference. Flyway's history and our audit table are left out.
 */
public record CatalogExtras(Map<String, String> entries) {
    public static final String TRIGGER = "trigger ";
    public static final String COMMENT = "comment ";
    public static final String OBJECT = "object ";
    public static final String EXTENSION = "extension ";
    /** "privilege TABLE grantee SELECT schema.name": one privilege of a relation or function. */
    public static final String PRIVILEGE = "privilege ";
    public static final String EXTENSION_FUNCTION = "extension function ";
    /** "relation options schema.name": {@link RelationOptions} in one line. */
    public static final String RELATION_OPTIONS = "relation options ";
    /** "column options schema.table.column": collation | acl | statistics target | storage | options. */
    public static final String COLUMN_OPTIONS = "column options ";
    /** "function privileges schema.name(arguments)": - | owner. */
    public static final String FUNCTION_OWNER = "function privileges ";
    /** "type privileges schema.name": acl | owner. */
    public static final String TYPE_OWNER = "type privileges ";
    /** "policy schema.table.name": the CREATE POLICY statement that makes it. */
    public static final String POLICY = "policy ";

    /**
     * One relation's entry under {@link #RELATION_OPTIONS}, split: owner, persistence (p, u, t), row security and
     * forced row security, reloptions ("-" for none), partition bound ("-" when not a partition), replica identity,
     * parents (as regclass text) and the reloptions of its TOAST table.
     */
    public record RelationOptions(String owner, String persistence, boolean rowSecurity, boolean forceRowSecurity,
                                  String reloptions, String partitionBound, String replicaIdentity, String parents,
                                  String toastOptions) {
        public static RelationOptions of(String value) {
            String[] p = value.split(" \\| ", -1);
            return new RelationOptions(p[1], p[2], isTrue(p[3]), isTrue(p[4]), p[5], p[7], p[8], p[9], p[10]);
        }

        private static boolean isTrue(String text) {
            return text.equals("t") || text.equals("true");
        }

        public boolean isPartition() {
            return !partitionBound.equals("-");
        }
    }

    public CatalogExtras {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    private static final List<String> CATALOGS = List.of("pg_class", "pg_proc", "pg_type", "pg_namespace",
            "pg_constraint", "pg_trigger", "pg_rewrite", "pg_policy", "pg_extension", "pg_cast", "pg_operator",
            "pg_opclass", "pg_opfamily", "pg_collation", "pg_conversion", "pg_ts_config", "pg_ts_dict",
            "pg_event_trigger", "pg_foreign_data_wrapper", "pg_foreign_server", "pg_publication", "pg_statistic_ext",
            "pg_language", "pg_attrdef", "pg_default_acl", "pg_am", "pg_transform");

    /** Our bookkeeping: Flyway's history, our audit table, and the schema downgrades keep backups in. */
    private static final String OURS = "(%1$s LIKE '%%" + HistoryTable.NAME + "%%' OR %1$s LIKE '%%"
            + AuditLog.TABLE + "%%' OR %1$s LIKE '%%" + BackupCatalog.SCHEMA + "%%')";

    /** {@code schemas}: the schemas the migrations manage; Flyway creates them, so they are no migration's work. */
    public static CatalogExtras read(Connection connection, List<String> schemas) throws SQLException {
        Map<String, String> entries = new TreeMap<>();
        String[] managed = schemas.toArray(String[]::new);
        StringBuilder objects = new StringBuilder("SELECT o.type, o.identity FROM (");
        for (int i = 0; i < CATALOGS.size(); i++) {
            objects.append(i == 0 ? "" : " UNION ALL ").append("SELECT '").append(CATALOGS.get(i))
                    .append("'::regclass AS classid, oid FROM ").append(CATALOGS.get(i)).append(" WHERE oid >= 16384")
                    // a foreign key's internal triggers are named by oid: the key itself stands for them
                    .append(CATALOGS.get(i).equals("pg_trigger") ? " AND NOT tgisinternal" : "");
        }
        objects.append(") x, LATERAL pg_identify_object(x.classid, x.oid, 0) o WHERE coalesce(o.schema, '')"
                + " NOT LIKE 'pg\\_toast%' AND coalesce(o.schema, '') NOT LIKE 'pg\\_temp%'"
                + " AND NOT (o.type = 'schema' AND o.identity = ANY (?)) AND NOT " + String.format(OURS, "o.identity"));
        forEachRow(connection, objects.toString(), managed, rs -> entries.put(OBJECT + rs.getString(1) + " "
                + rs.getString(2), ""));
        forEachRow(connection, "SELECT e.extname, n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n"
                + " ON n.oid = e.extnamespace WHERE e.oid >= 16384", null,
                rs -> entries.put(EXTENSION + rs.getString(1), rs.getString(2) + " " + rs.getString(3)));
        forEachRow(connection, "SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
                + " || ')', e.extname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'"
                + " JOIN pg_extension e ON e.oid = d.refobjid WHERE n.nspname = ANY (?)", managed,
                rs -> entries.put(EXTENSION_FUNCTION + rs.getString(1), rs.getString(2)));
        forEachRow(connection, "SELECT n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid),"
                + " t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = ANY (?)",
                managed, rs -> entries.put(TRIGGER + rs.getString(1), rs.getString(2)
                        + (rs.getString(3).equals("O") ? "" : " enabled " + rs.getString(3))));
        forEachRow(connection, "SELECT o.type, o.identity, d.description FROM pg_description d,"
                + " LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o WHERE d.objoid >= 16384"
                + " AND NOT " + String.format(OURS, "o.identity"), null,
                rs -> entries.put(COMMENT + rs.getString(1) + " " + rs.getString(2), rs.getString(3)));
        // one entry per privilege, an absent list read as the default it stands for, so GRANT and REVOKE undo each other
        forEachRow(connection, "SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname || '.' || c.relname,"
                + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,"
                + " a.privilege_type, a.is_grantable FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
                + " LATERAL aclexplode(coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::\"char\","
                + " c.relowner))) a WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT "
                + String.format(OURS, "c.relname"), managed, rs -> entries.put(PRIVILEGE + rs.getString(1) + " "
                        + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(2),
                        rs.getBoolean(5) ? "with grant option" : ""));
        forEachRow(connection, "SELECT 'FUNCTION', n.nspname || '.' || p.proname || '(' ||"
                + " pg_get_function_identity_arguments(p.oid) || ')',"
                + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,"
                + " a.privilege_type, a.is_grantable FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,"
                + " LATERAL aclexplode(coalesce(p.proacl, acldefault('f'::\"char\", p.proowner))) a WHERE n.nspname = ANY (?)",
                managed, rs -> entries.put(PRIVILEGE + rs.getString(1) + " " + rs.getString(3) + " "
                        + rs.getString(4) + " " + rs.getString(2), rs.getBoolean(5) ? "with grant option" : ""));
        forEachRow(connection, "SELECT n.nspname || '.' || c.relname, '-', pg_get_userbyid(c.relowner),"
                + " c.relpersistence::text, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text,"
                + " pg_get_partkeydef(c.oid), pg_get_expr(c.relpartbound, c.oid), c.relreplident::text,"
                + " (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_inherits i"
                + " WHERE i.inhrelid = c.oid),"
                + " (SELECT t.reloptions::text FROM pg_class t WHERE t.oid = c.reltoastrelid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT " + String.format(OURS, "c.relname"),
                managed, rs -> {
                    List<String> parts = new ArrayList<>();
                    for (int i = 2; i <= 12; i++) {
                        parts.add(Objects.toString(rs.getString(i), "-"));
                    }
                    entries.put(RELATION_OPTIONS + rs.getString(1), String.join(" | ", parts));
                });
        forEachRow(connection, "SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
                + " || ')', '-', pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n"
                + " ON n.oid = p.pronamespace WHERE n.nspname = ANY (?)", managed,
                rs -> entries.put(FUNCTION_OWNER + rs.getString(1), rs.getString(2) + " | " + rs.getString(3)));
        forEachRow(connection, "SELECT n.nspname, n.nspacl::text, pg_get_userbyid(n.nspowner) FROM pg_namespace n"
                + " WHERE (n.oid >= 16384 OR n.nspname = ANY (?)) AND NOT " + String.format(OURS, "n.nspname"), managed,
                rs -> entries.put("schema privileges " + rs.getString(1), rs.getString(2) + " | " + rs.getString(3)));
        forEachRow(connection, "SELECT n.nspname || '.' || t.typname, t.typacl::text, pg_get_userbyid(t.typowner)"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY (?)"
                + " AND t.typtype IN ('e', 'd', 'c', 'r') AND t.typrelid = 0", managed,
                rs -> entries.put(TYPE_OWNER + rs.getString(1), rs.getString(2) + " | " + rs.getString(3)));
        forEachRow(connection, "SELECT n.nspname || '.' || c.relname || '.' || a.attname, co.collname, a.attacl::text,"
                + " a.attstattarget, a.attstorage::text, a.attoptions::text FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " AND a.attcollation <> ty.typcollation WHERE n.nspname = ANY (?) AND a.attnum > 0"
                + " AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT "
                + String.format(OURS, "c.relname") + " AND (co.collname IS NOT NULL OR a.attacl IS NOT NULL"
                + " OR a.attstattarget >= 0 OR a.attstorage <> ty.typstorage OR a.attoptions IS NOT NULL)", managed,
                rs -> entries.put(COLUMN_OPTIONS + rs.getString(1), Objects.toString(rs.getString(2), "-") + " | "
                        + Objects.toString(rs.getString(3), "-") + " | " + rs.getString(4) + " | " + rs.getString(5)
                        + " | " + Objects.toString(rs.getString(6), "-")));
        // a column's privileges, one entry each like a relation's (an absent list grants nothing beyond the table's)
        forEachRow(connection, "SELECT n.nspname || '.' || c.relname || '.' || at.attname,"
                + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,"
                + " a.privilege_type, a.is_grantable FROM pg_attribute at JOIN pg_class c ON c.oid = at.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace, LATERAL aclexplode(at.attacl) a"
                + " WHERE n.nspname = ANY (?) AND at.attnum > 0 AND NOT at.attisdropped AND at.attacl IS NOT NULL",
                managed, rs -> entries.put(PRIVILEGE + "COLUMN " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getString(1), rs.getBoolean(4) ? "with grant option" : ""));
        forEachRow(connection, "SELECT n.nspname || '.' || c.relname || '.' || p.polname, 'CREATE POLICY '"
                + " || quote_ident(p.polname) || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + " || CASE WHEN p.polpermissive THEN '' ELSE ' AS RESTRICTIVE' END || ' FOR ' || CASE p.polcmd"
                + " WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE'"
                + " ELSE 'ALL' END || ' TO ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC'"
                + " ELSE quote_ident(pg_get_userbyid(r)) END, ', ' ORDER BY r) FROM unnest(p.polroles) r)"
                + " || coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')"
                + " || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')"
                + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ANY (?)", managed, rs -> entries.put(POLICY + rs.getString(1), rs.getString(2)));
        return new CatalogExtras(entries);
    }

    /** Entries whose key starts with {@code prefix}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.put(k.substring(prefix.length()), v);
            }
        });
        return found;
    }

    /** What differs, one line per entry, as {@link SchemaSnapshot#differencesTo} writes it. */
    public List<String> differencesTo(CatalogExtras other) {
        return SchemaSnapshot.differences(entries, other.entries, CatalogExtras::shown);
    }

    private static String shown(String value) {
        if (value == null) {
            return "missing";
        }
        if (value.isEmpty()) {
            return "present";
        }
        String oneLine = value.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }
}
