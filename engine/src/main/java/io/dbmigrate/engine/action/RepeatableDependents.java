package io.dbmigrate.engine.action;

import io.dbmigrate.engine.undo.ScriptRunner;
import io.dbmigrate.engine.undo.UndoEnvironment;
import org.flywaydb.core.api.MigrationInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The drops of an undo that repeatable migrations' objects stand on. The scratch database runs no {@code R__} script
 * (each undo is its V's alone), but a real database has them applied after V: a view over a column the undo drops
 * makes the downgrade fail. So, on the scratch database after V and in a transaction rolled back afterwards, the
 * repeatables that apply there are applied, the undo is run statement by statement, and a drop refused because other
 * objects depend on it (SQL state 2BP01) is given {@code CASCADE}. A downgrade backs up what CASCADE takes and marks
 * the repeatables to be re-applied by the next upgrade.
 */
final class RepeatableDependents {
    private static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

    /** The undo statements, each drop that repeatables' objects hold back with CASCADE; {@code cascaded} gets those. */
    static List<String> cascade(Connection connection, List<MigrationInfo> repeatables, UndoEnvironment environment,
                                List<String> statements, List<String> cascaded) throws SQLException {
        if (repeatables.isEmpty() || statements.stream().noneMatch(s -> withCascade(s) != null)) {
            return statements;
        }
        List<String> result = new ArrayList<>(statements);
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            if (!applied(connection, repeatables, environment)) {
                return statements;
            }
            for (int i = 0; i < result.size(); i++) {
                Savepoint before = connection.setSavepoint();
                try {
                    st.execute(result.get(i));
                } catch (SQLException e) {
                    connection.rollback(before);
                    String cascading = withCascade(result.get(i));
                    if (!DEPENDENT_OBJECTS_STILL_EXIST.equals(e.getSQLState()) || cascading == null) {
                        break; // the proof reports it
                    }
                    st.execute(cascading);
                    cascaded.add(result.get(i));
                    result.set(i, cascading);
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return result;
    }

    /** Applies the repeatables that apply at this version (one may need objects of a later one); whether any did. */
    private static boolean applied(Connection connection, List<MigrationInfo> repeatables, UndoEnvironment environment)
            throws SQLException {
        boolean any = false;
        for (MigrationInfo repeatable : repeatables) {
            if (repeatable.getPhysicalLocation() == null || repeatable.getPhysicalLocation().isEmpty()) {
                continue;
            }
            Path file = Path.of(repeatable.getPhysicalLocation());
            Savepoint before = connection.setSavepoint();
            try {
                ScriptRunner.run(connection, environment.apply(file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8)));
                any = true;
            } catch (ScriptRunner.ScriptFailure | IOException e) {
                connection.rollback(before);
            }
        }
        return any;
    }

    /** The statement with CASCADE, for the drops that take it; null for any other. */
    static String withCascade(String sql) {
        boolean drop = sql.startsWith("DROP TABLE ") || sql.startsWith("DROP VIEW ")
                || sql.startsWith("DROP MATERIALIZED VIEW ") || sql.startsWith("DROP ROUTINE ")
                || sql.startsWith("DROP TYPE ") || sql.startsWith("DROP SEQUENCE ")
                || sql.startsWith("ALTER TABLE ") && sql.contains(" DROP COLUMN ");
        return drop && sql.endsWith(";") && !sql.endsWith(" CASCADE;") ? sql.substring(0, sql.length() - 1)
                + " CASCADE;" : null;
    }
}
