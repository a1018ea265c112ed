package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An undo script runs in the world its migration ran in: Flyway's search_path and Flyway's placeholders. */
@ExtendWith(PostgresExtension.class)
class UndoEnvironmentTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private Path migrations(String v1, String u1) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V1__items.sql"), v1);
        Files.writeString(dir.resolve("U1__items.sql"), u1);
        return dir;
    }

    @Test
    void shouldResolveNamesInTheSchemasFlywayPutsOnTheSearchPath(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA app; CREATE FUNCTION public.helper() RETURNS int LANGUAGE sql AS 'SELECT 41'");
        // V resolves helper() in public behind app, as Flyway sets search_path to "app", then the connection's path
        Path dir = migrations("CREATE TABLE items (id int DEFAULT helper());\n",
                "CREATE TABLE undo_log AS SELECT helper() + 1 AS answer;\nDROP TABLE items;\n");
        MigrationResult up = engine.run(Requests.on(db, Action.UPGRADE, dir).schemas(List.of("app")).build());
        assertThat(up.success()).as(up.message()).isTrue();

        MigrationResult down = engine.run(Requests.on(db, Action.DOWNGRADE, dir).schemas(List.of("app")).build());

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(db.value("SELECT answer FROM app.undo_log")).isEqualTo("42");
        assertThat(db.value("SELECT to_regclass('app.items')")).isNull();
    }

    @Test
    void shouldReplaceOnlyWhereTheConfiguredPrefixStartsAPlaceholder() {
        UndoEnvironment environment = UndoEnvironment.of(Map.of("flyway.placeholders.tag", "t1",
                "flyway.placeholderPrefix", "#[", "flyway.placeholderSuffix", "]", "flyway.placeholderSeparator", "|"),
                Map.of("user", "alice"));

        assertThat(environment.apply("U1__a.sql", "SELECT '${tag}', '#', '[tag]', '# [tag]';\n"))
                .isEqualTo("SELECT '${tag}', '#', '[tag]', '# [tag]';\n");
        assertThat(environment.apply("U1__a.sql", "SELECT '#[tag]', '#[flyway|user]', '#[flyway|filename]';\n"))
                .isEqualTo("SELECT 't1', 'alice', 'U1__a.sql';\n");
        assertThatThrownBy(() -> environment.apply("U1__a.sql", "SELECT '#[missing]';\n"))
                .hasMessageContaining("#[missing]");
    }

    @Test
    void shouldReplaceFlywaysBuiltInPlaceholdersAsInTheMigration(TestDatabase db) throws Exception {
        Path dir = migrations("CREATE TABLE ${flyway:defaultSchema}.items (id int);\n",
                "COMMENT ON SCHEMA ${flyway:defaultSchema} IS '${flyway:filename} by ${flyway:user} on ${flyway:database}';\n"
                        + "DROP TABLE ${flyway:defaultSchema}.items;\n");
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();

        MigrationResult dryRun = engine.run(Requests.on(db, Action.DOWNGRADE, dir).dryRun(true).build());
        MigrationResult down = engine.run(Requests.of(db, Action.DOWNGRADE, "base", dir));

        assertThat(dryRun.migrations()).extracting(MigrationStep::sql).singleElement().asString()
                .startsWith("COMMENT ON SCHEMA public IS 'U1__items.sql by dbm_app on " + db.name() + "';");
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(db.value("SELECT obj_description('public'::regnamespace)"))
                .isEqualTo("U1__items.sql by dbm_app on " + db.name());
        assertThat(db.tables()).doesNotContain("items");
    }

    @Test
    void shouldReadAnUndoScriptInTheEncodingItsConfNamesAsFlywayReadsTheMigration(TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("latin1"));
        Files.writeString(dir.resolve("V1__pupils.sql"), "CREATE TABLE pupils (name text);\n"
                + "INSERT INTO pupils VALUES ('élève'), ('maître');\n", StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("V1__pupils.sql.conf"), "encoding=ISO-8859-1\n");
        Files.writeString(dir.resolve("V2__keep.sql"), "CREATE TABLE removed (name text);\n");
        Files.writeString(dir.resolve("U2__keep.sql"), "DELETE FROM pupils WHERE name = 'élève';\nDROP TABLE removed;\n",
                StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("U2__keep.sql.conf"), "encoding=ISO-8859-1\n");
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();

        MigrationResult down = engine.run(Requests.of(db, Action.DOWNGRADE, "1", dir));

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(db.column("SELECT name FROM pupils")).containsExactly("maître");
    }
}
