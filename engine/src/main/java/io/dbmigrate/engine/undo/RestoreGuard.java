package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a restore switches off on its target table, in the restore's transaction, and puts back as it was: row security
 * (no policy may filter what the restore reads or writes: PostgreSQL then raises an error instead) and the table's
 * enabled user triggers, as pg_restore --disable-triggers does, so the kept values go back as they were. Foreign-key
 * checks are system triggers and keep working. A failure rolls the transaction back, which puts all of it back too.
 */
final class RestoreGuard {
    private final Connection connection;
    private final String table;
    private final String rowSecurity;
    private final List<Trigger> triggers;

    /** A user trigger and how it was enabled: O (origin), R (replica) or A (always), as pg_trigger.tgenabled says. */
    private record Trigger(String name, String enabled) {
        String enable() {
            return switch (enabled) {
                case "R" -> "ENABLE REPLICA TRIGGER ";
                case "A" -> "ENABLE ALWAYS TRIGGER ";
                default -> "ENABLE TRIGGER ";
            } + Identifiers.quote(name);
        }
    }

    private RestoreGuard(Connection connection, String table, String rowSecurity, List<Trigger> triggers) {
        this.connection = connection;
        this.table = table;
        this.rowSecurity = rowSecurity;
        this.triggers = triggers;
    }

    /**
     * Refuses, changing nothing, when a policy applies to the user or the user may not switch the triggers off; else
     * switches both off. {@code table} is the quoted name; {@code target} and {@code backup} name them in messages.
     */
    static RestoreGuard enter(Connection connection, String table, String target, String backup) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT row_security_active(to_regclass(?)),"
                + " current_user")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw RunFailures.restoreRowSecurity(backup, target, rs.getString(2));
                }
            }
        }
        List<Trigger> triggers = enabledUserTriggers(connection, table, target, backup);
        RestoreGuard guard = new RestoreGuard(connection, table, RowSecurity.off(connection), triggers);
        if (!guard.triggers.isEmpty()) {
            guard.execute("ALTER TABLE " + table + " " + guard.triggers.stream()
                    .map(t -> "DISABLE TRIGGER " + Identifiers.quote(t.name())).collect(Collectors.joining(", ")));
        }
        return guard;
    }

    /** Puts back exactly the triggers it switched off, each as it was, and the row_security setting. */
    void leave() throws SQLException {
        if (!triggers.isEmpty()) {
            execute("ALTER TABLE " + table + " " + triggers.stream().map(Trigger::enable)
                    .collect(Collectors.joining(", ")));
        }
        RowSecurity.restore(connection, rowSecurity);
    }

    /** ALTER TABLE needs the table's owner (or a member of its role): anyone else is refused before anything runs. */
    private static List<Trigger> enabledUserTriggers(Connection connection, String table, String target, String backup)
            throws SQLException {
        List<Trigger> triggers = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT t.tgname, t.tgenabled::text,"
                + " pg_has_role(c.relowner, 'USAGE'), pg_get_userbyid(c.relowner) FROM pg_trigger t"
                + " JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgrelid = to_regclass(?) AND NOT t.tgisinternal"
                + " AND t.tgenabled <> 'D' ORDER BY t.tgname")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                boolean owner = true;
                String ownerName = "";
                while (rs.next()) {
                    triggers.add(new Trigger(rs.getString(1), rs.getString(2)));
                    owner = rs.getBoolean(3);
                    ownerName = rs.getString(4);
                }
                if (!owner) {
                    throw RunFailures.restoreTriggersNotOwned(backup, target,
                            triggers.stream().map(Trigger::name).toList(), ownerName);
                }
            }
        }
        return triggers;
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
