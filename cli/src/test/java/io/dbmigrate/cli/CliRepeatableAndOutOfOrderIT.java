package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeatable migrations and out-of-order history through the packaged jar, one process per command, as a CI job runs
 * them. Runs in the integration-test phase, after the shade plugin built the jar.
 */
@ExtendWith(PostgresExtension.class)
class CliRepeatableAndOutOfOrderIT {
    private static final JarCli CLI = new JarCli();
    private static final String VIEW = "SELECT count(*) FROM pg_views WHERE viewname = 'priced_items'";

    @TempDir
    Path tmp;

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    @Test
    void shouldReapplyARepeatableAfterUpgradeDowngradeUpgrade(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);

        CliRun up = CLI.runOn(tmp, db, dir, "upgrade");
        CliRun down = CLI.runOn(tmp, db, dir, "downgrade");
        CliRun info = CLI.runOn(tmp, db, dir, "info");
        CliRun again = CLI.runOn(tmp, db, dir, "upgrade", "--json");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out().strip()).isEqualTo("Upgraded from revision base to 2: applied 2 migration(s); ran 1"
                + " repeatable migration(s): R__views.sql.");
        assertThat(up.errLines()).last().asString().matches("\\[3/3] R__views\\.sql … \\d+ ms");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out().lines().toList()).last().isEqualTo("Downgraded from revision 2 to 1: undid 1"
                + " migration(s). Marked 1 repeatable migration(s) to be re-applied by the next upgrade, after the"
                + " versioned ones: R__views.sql.");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("(?m)^1 +create items +Success +\\S+ +yes$")
                .containsPattern("(?m)^2 +add price +Pending +- +yes$")
                .containsPattern("(?m)^R +views +Pending +- +-$");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode result = again.json();
        assertThat(result.get("message").asText()).isEqualTo("Upgraded from revision 1 to 2: applied 1 migration(s);"
                + " ran 1 repeatable migration(s): R__views.sql.");
        assertThat(result.get("migrations").findValuesAsText("script")).containsExactly("V2__add_price.sql",
                "R__views.sql");
        assertThat(result.get("migrations").findValuesAsText("version")).containsExactly("2", "");
        assertThat(db.value(VIEW)).isEqualTo("1");
    }

    @Test
    void shouldApplyALateMigrationOnlyWithOutOfOrderAndUndoItFirst(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("out-of-order", tmp);
        assertThat(CLI.runOn(tmp, db, dir, "upgrade").exitCode()).isZero();
        Files.writeString(dir.resolve("V3__create_notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY, body text);\n");
        Files.writeString(dir.resolve("U3__create_notes.sql"), "DROP TABLE notes;\n");

        CliRun refused = CLI.runOn(tmp, db, dir, "upgrade");
        CliRun late = CLI.runOn(tmp, db, dir, "upgrade", "--out-of-order", "--json");
        CliRun undo = CLI.runOn(tmp, db, dir, "downgrade", "-1", "--json");
        CliRun current = CLI.runOn(tmp, db, dir, "current", "--json");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("FAILED (INVALID_INPUT): Migration V3__create_notes.sql was never"
                + " applied and is older than the current revision 4: Flyway refuses it unless out of order is allowed."
                + " Give it a version above 4, or apply it out of order with upgrade --out-of-order. Nothing was"
                + " changed.");
        assertThat(late.exitCode()).as(late.err()).isZero();
        assertThat(late.json().get("message").asText()).isEqualTo("Applied 1 migration(s) out of order (3): the"
                + " database stays at revision 4, the highest version applied.");
        assertThat(late.json().get("currentRevision").asText()).isEqualTo("4");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.json().get("message").asText()).isEqualTo("Undid 1 migration(s) applied out of order (3): the"
                + " database stays at revision 4, the highest version still applied.");
        assertThat(undo.json().get("migrations").findValuesAsText("script")).containsExactly("U3__create_notes.sql");
        assertThat(undo.json().get("currentRevision").asText()).isEqualTo("4")
                .isEqualTo(current.json().get("currentRevision").asText());
        assertThat(db.tables()).doesNotContain("notes").contains("accounts", "orders");
        assertThat(db.historyVersions()).containsExactly("1", "2", "4");
    }
}
