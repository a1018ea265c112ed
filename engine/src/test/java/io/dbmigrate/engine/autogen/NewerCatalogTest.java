package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What newer PostgreSQL releases record differently, compared by meaning by autogenerate and verify alike. From 18 a
 * NOT NULL is a named constraint that keeps its name when its column or table is renamed, so two equal schemas can
 * name it differently; and a generated column is virtual unless it says STORED. Runs on every version of the matrix.
 */
@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class NewerCatalogTest {
    private static final String TASKS = "CREATE TABLE tasks (id bigserial PRIMARY KEY, title text NOT NULL);\n";

    @TempDir
    Path tmp;

    @Test
    void shouldAutogenerateAgainstASchemaWhoseNotNullColumnWasRenamed(TestDatabase db, TestDatabase reference)
            throws Exception {
        Scenario scenario = new Scenario(tmp, TASKS, TASKS + "ALTER TABLE tasks RENAME COLUMN title TO name;\n");

        MigrationResult result = scenario.autogenerate(db, "rename title");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(scenario.statements("V2")).containsExactly(
                "ALTER TABLE tasks DROP COLUMN title;",
                "ALTER TABLE tasks ADD COLUMN name text NOT NULL;");
        scenario.assertRoundTrip(db, reference, "2");
    }

    @Test
    void shouldKeepAVirtualGeneratedColumnVirtual(TestDatabase db, TestDatabase reference) throws Exception {
        assumeTrue(Integer.parseInt(db.value("SHOW server_version_num")) >= 180000,
                "virtual generated columns came with PostgreSQL 18");
        Scenario scenario = new Scenario(tmp, "CREATE TABLE t (a integer);\n",
                "CREATE TABLE t (a integer, twice integer GENERATED ALWAYS AS (a * 2) VIRTUAL);\n");

        MigrationResult result = scenario.autogenerate(db, "add twice");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(scenario.statements("V2"))
                .containsExactly("ALTER TABLE t ADD COLUMN twice integer GENERATED ALWAYS AS ((a * 2)) VIRTUAL;");
        scenario.assertRoundTrip(db, reference, "2");
    }

    @Test
    void shouldVerifyAnUndoThatAddsBackANotNullColumnOfARenamedTable(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("not-null-of-renamed-table", tmp);

        MigrationResult result = new MigrationEngine().run(Requests.of(db, Action.VERIFY, "", dir));

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Verified 2 migration(s) up to revision 2: each undo script restores"
                + " the schema exactly, and re-applying gives the same schema.");
    }
}
