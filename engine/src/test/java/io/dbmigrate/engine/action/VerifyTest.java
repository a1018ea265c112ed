package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
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

@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class VerifyTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private static final String SCRATCH_DATABASES = "SELECT count(*) FROM pg_database WHERE datname LIKE 'dbm_verify_%'";

    @Test
    void shouldProveThatEveryMigrationReversesWithoutTouchingTheTarget(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(Requests.of(db, Action.VERIFY, "", dir));

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Verified 3 migration(s) up to revision 3: each undo script restores"
                + " the schema exactly, and re-applying gives the same schema.");
        assertThat(db.tables()).isEmpty();
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }

    @Test
    void shouldNameTheFirstMigrationWhoseUndoLeavesSomethingBehind(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("leaky-undo", tmp);

        MigrationResult result = engine.run(Requests.of(db, Action.VERIFY, "", dir));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.IRREVERSIBLE);
        assertThat(result.message()).isEqualTo("Migration V2 does not round-trip: after U2__add_priority.sql the schema"
                + " differs from before V2 (before → after undo): column public.users.priority: missing → text default"
                + " 'medium'::text.");
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }

    @Test
    void shouldListEveryMigrationWithoutAnUndoScript(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);

        MigrationResult result = engine.run(Requests.of(db, Action.VERIFY, "", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.IRREVERSIBLE);
        assertThat(result.message()).isEqualTo("Cannot verify: V2 cannot be reversed: no undo script found in filesystem:"
                + dir + ".");
    }

    @Test
    void shouldVerifyTheOthersAndListThoseWithoutAnUndoScriptWhenAllowed(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);

        MigrationResult result = engine.run(Requests.on(db, Action.VERIFY, dir).allowIrreversible(true).build());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Verified 2 migration(s) up to revision 3: each undo script restores the"
                + " schema exactly, and re-applying gives the same schema. 1 migration(s) without an undo script were"
                + " applied and not verified (listed in warnings).");
        assertThat(result.warnings()).containsExactly("V2 has no undo script U2__*.sql");
        assertThat(db.tables()).isEmpty();
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }
}
