package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogIdentity;
import io.dbmigrate.engine.schema.CatalogIdentity.Column;
import io.dbmigrate.engine.schema.CatalogIdentity.Constraint;
import io.dbmigrate.engine.schema.CatalogIdentity.EnumLabel;
import io.dbmigrate.engine.schema.CatalogIdentity.Named;
import io.dbmigrate.engine.schema.CatalogIdentity.Relation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements that give renamed objects their old names back: objects that kept their identity (oid, or table
 * oid and attnum for a column) between two readings of one database, under another name or schema. Parts of a
 * relation go first, under the relation's new name; the relations themselves last.
 */
public final class Renames {
    private Renames() {
    }

    /** Renames that turn {@code after}'s names back into {@code before}'s. */
    public static List<String> back(CatalogIdentity before, CatalogIdentity after, Names names) {
        List<String> sql = new ArrayList<>();
        for (Column now : sorted(after.columns().values(), Comparator.comparing(Column::table)
                .thenComparing(Column::attnum))) {
            Column was = before.columns().get(now.id());
            Relation table = after.relations().get(now.table());
            if (was != null && table != null && !was.name().equals(now.name())) {
                sql.add("ALTER " + keyword(table.kind()) + " " + names.qualified(table.schema(), table.name())
                        + " RENAME COLUMN " + names.quote(now.name()) + " TO " + names.quote(was.name()) + ";");
            }
        }
        Set<String> renamedByConstraint = new HashSet<>();
        for (Constraint now : sorted(after.constraints().values(), Comparator.comparing(Constraint::name))) {
            Constraint was = before.constraints().get(now.oid());
            Relation table = after.relations().get(now.table());
            if (was != null && table != null && !was.name().equals(now.name())) {
                sql.add("ALTER TABLE " + names.qualified(table.schema(), table.name()) + " RENAME CONSTRAINT "
                        + names.quote(now.name()) + " TO " + names.quote(was.name()) + ";");
                // a key's index is renamed with it
                renamedByConstraint.add(table.schema() + "." + now.name());
            }
        }
        for (Relation now : sorted(after.relations().values(), Comparator.comparing(Relation::key))) {
            Relation was = before.relations().get(now.oid());
            if (was != null && isIndex(now) && !was.name().equals(now.name())
                    && !renamedByConstraint.contains(now.key())) {
                sql.add("ALTER INDEX " + names.qualified(now.schema(), now.name()) + " RENAME TO "
                        + names.quote(was.name()) + ";");
            }
        }
        for (EnumLabel now : sorted(after.labels().values(), Comparator.comparing(EnumLabel::oid))) {
            EnumLabel was = before.labels().get(now.oid());
            Named type = after.types().get(now.type());
            if (was != null && type != null && !was.label().equals(now.label())) {
                sql.add("ALTER TYPE " + names.qualified(type.schema(), type.name()) + " RENAME VALUE "
                        + Names.literal(now.label()) + " TO " + Names.literal(was.label()) + ";");
            }
        }
        for (Named now : sorted(after.types().values(), Comparator.comparing(Named::name))) {
            Named was = before.types().get(now.oid());
            if (was != null) {
                move(sql, "TYPE", now.schema(), now.name(), "", was.schema(), was.name(), names);
            }
        }
        for (Named now : sorted(after.functions().values(), Comparator.comparing(Named::name))) {
            Named was = before.functions().get(now.oid());
            if (was != null) {
                move(sql, "ROUTINE", now.schema(), now.name(), "(" + now.arguments() + ")", was.schema(), was.name(),
                        names);
            }
        }
        for (Relation now : sorted(after.relations().values(), Comparator.comparing(Relation::key))) {
            Relation was = before.relations().get(now.oid());
            if (was != null && !isIndex(now)) {
                move(sql, keyword(now.kind()), now.schema(), now.name(), "", was.schema(), was.name(), names);
            }
        }
        return sql;
    }

    /** SET SCHEMA back, then RENAME back, as needed. */
    private static void move(List<String> sql, String kind, String schema, String name, String arguments,
                             String oldSchema, String oldName, Names names) {
        if (!schema.equals(oldSchema)) {
            sql.add("ALTER " + kind + " " + names.qualified(schema, name) + arguments + " SET SCHEMA "
                    + names.quote(oldSchema) + ";");
        }
        if (!name.equals(oldName)) {
            sql.add("ALTER " + kind + " " + names.qualified(oldSchema, name) + arguments + " RENAME TO "
                    + names.quote(oldName) + ";");
        }
    }

    /** In a stable order, so the same migration always gives the same script. */
    private static <T> List<T> sorted(Collection<T> items, Comparator<T> order) {
        return items.stream().sorted(order).toList();
    }

    private static boolean isIndex(Relation relation) {
        return relation.kind().equalsIgnoreCase("i");
    }

    private static String keyword(String relkind) {
        return switch (relkind) {
            case "v" -> "VIEW";
            case "m" -> "MATERIALIZED VIEW";
            case "S" -> "SEQUENCE";
            default -> "TABLE";
        };
    }
}
