package io.dbmigrate.engine.plan;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class DryRunTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult dryRun(TestDatabase db, Action action, String revision, Path dir) {
        return engine.run(Requests.on(db, action, dir).revision(revision).dryRun(true).build());
    }

    @Test
    void shouldListTheUpgradeWithItsSqlAndCreateNothing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = dryRun(db, Action.UPGRADE, "2", dir);

        assertThat(result.success()).isTrue();
        assertThat(result.message()).isEqualTo("Dry run: would upgrade from revision base to 2, applying 2 migration(s)."
                + " Nothing was changed.");
        assertThat(result.currentRevision()).isEqualTo("base");
        assertThat(result.migrations()).extracting(MigrationStep::script, step -> step.state().label())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("V1__create_users.sql", "PLANNED"),
                        org.assertj.core.groups.Tuple.tuple("V2__create_tasks.sql", "PLANNED"));
        assertThat(result.migrations().get(0).sql()).contains("CREATE TABLE users");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldWarnAboutWhatADowngradeDropsAndChangeNothing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        engine.run(Requests.of(db, Action.UPGRADE, "", dir));
        db.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        List<String> schema = db.fingerprint();
        List<String> history = db.column("SELECT f::text FROM flyway_schema_history f ORDER BY installed_rank");
        List<String> audit = db.column("SELECT a::text FROM db_migrate_audit a ORDER BY id");

        MigrationResult result = dryRun(db, Action.DOWNGRADE, "base", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Dry run: would downgrade from revision 3 to base, undoing 3 migration(s);"
                + " 3 destructive statement(s), listed in warnings; would back up 1 table(s), column set(s), sequence(s)"
                + " or view(s) that hold what the undo scripts destroy. Nothing was changed.");
        assertThat(result.migrations()).extracting(MigrationStep::script)
                .containsExactly("U3__add_priority.sql", "U2__create_tasks.sql", "U1__create_users.sql");
        assertThat(result.warnings()).containsExactly(
                "DS103 U3__add_priority.sql:2: Dropping column tasks.priority",
                "DS102 U2__create_tasks.sql:1: Dropping table tasks",
                "DS102 U1__create_users.sql:1: Dropping table users",
                "Would back up before U1__create_users.sql destroys it: public.users (1 row(s))");
        assertThat(db.fingerprint()).isEqualTo(schema);
        assertThat(db.column("SELECT f::text FROM flyway_schema_history f ORDER BY installed_rank")).isEqualTo(history);
        assertThat(db.column("SELECT a::text FROM db_migrate_audit a ORDER BY id")).isEqualTo(audit);
        assertThat(db.column("SELECT email FROM users")).containsExactly("a@example.com");
    }
}
