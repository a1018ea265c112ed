package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code create --undo} beside repeatable migrations: a drop that an {@code R__} script's objects stand on gets
 * CASCADE, so the downgrade of a real database (where the repeatable was applied after V) succeeds, and the next
 * upgrade brings the repeatable's view back.
 */
@ExtendWith(PostgresExtension.class)
class CreateUndoRepeatablesTest {
    @TempDir
    Path tmp;

    @Test
    void shouldCascadeTheDropsARepeatableMigrationStandsOn(TestDatabase db, TestDatabase user) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        Files.writeString(folder.resolve("V2__price.sql"), "ALTER TABLE users ADD COLUMN price numeric;\n");
        Files.writeString(folder.resolve("R__prices.sql"), "CREATE OR REPLACE VIEW prices AS SELECT id, price FROM users;\n");
        UndoProject project = new UndoProject(folder);

        MigrationResult created = project.createUndo(db);
        MigrationResult up = project.run(user, Action.UPGRADE, "");
        MigrationResult down = project.run(user, Action.DOWNGRADE, "1");
        boolean viewAfterDowngrade = exists(user, "prices");
        MigrationResult again = project.run(user, Action.UPGRADE, "");

        assertThat(created.success()).as(created.message()).isTrue();
        assertThat(created.warnings()).isEmpty();
        assertThat(project.statements("U2")).containsExactly("ALTER TABLE users DROP COLUMN price CASCADE;");
        assertThat(project.script("U2")).contains("\n-- Drops with CASCADE where the objects of repeatable migrations"
                + " (R__) stand on what it drops: a downgrade backs them up, and the next upgrade applies the"
                + " repeatable migrations again.\n");
        assertThat(project.statements("U1")).containsExactly("DROP TABLE users;");
        assertThat(up.success()).as(up.message()).isTrue();
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(viewAfterDowngrade).isFalse();
        assertThat(again.success()).as(again.message()).isTrue();
        assertThat(exists(user, "prices")).isTrue();
    }

    private static boolean exists(TestDatabase db, String relation) throws SQLException {
        try (Connection connection = db.connect(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public." + relation + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
