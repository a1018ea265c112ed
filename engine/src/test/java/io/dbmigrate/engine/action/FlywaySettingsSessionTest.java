package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.ProgressListener;
import io.dbmigrate.engine.config.FlywaySettings;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A project's Flyway settings reach Flyway, under the run's own settings, and the history's schema follows them. */
@ExtendWith(PostgresExtension.class)
class FlywaySettingsSessionTest {

    @Test
    void shouldPassTheSettingsOnToFlywayAndKeepTheRunsOwnOverThem(TestDatabase db) throws Exception {
        FlywaySettings settings = new FlywaySettings(Map.of("flyway.placeholders.tag", "t1",
                "flyway.placeholderPrefix", "#[", "flyway.placeholderSuffix", "]",
                "flyway.placeholderSeparator", "|", "flyway.placeholderReplacement", "true",
                "flyway.installedBy", "ci-bot", "flyway.validateMigrationNaming", "true",
                "flyway.connectRetries", "3", "flyway.connectRetriesInterval", "7",
                "flyway.defaultSchema", "hist"), List.of());
        MigrationRequest request = MigrationRequest.builder(Action.CURRENT).connection(db.settings())
                .schemas(List.of("app", "hist")).flywaySettings(settings).build();

        try (Session session = Session.open(request, ProgressListener.NONE)) {
            FluentConfiguration flyway = session.flywayConfig();

            assertThat(flyway.getPlaceholders()).containsExactlyEntriesOf(Map.of("tag", "t1"));
            assertThat(flyway.getPlaceholderPrefix()).isEqualTo("#[");
            assertThat(flyway.getPlaceholderSuffix()).isEqualTo("]");
            assertThat(flyway.getPlaceholderSeparator()).isEqualTo("|");
            assertThat(flyway.getInstalledBy()).isEqualTo("ci-bot");
            assertThat(flyway.isValidateMigrationNaming()).isTrue();
            assertThat(flyway.getConnectRetries()).isEqualTo(3);
            assertThat(flyway.getConnectRetriesInterval()).isEqualTo(7);
            assertThat(flyway.getDefaultSchema()).isEqualTo("hist");
            assertThat(flyway.getSchemas()).containsExactly("app", "hist");
            assertThat(flyway.isCleanDisabled()).isTrue();
            assertThat(session.schema()).isEqualTo("hist");
            assertThat(session.undoEnvironment().placeholders()).containsEntry("tag", "t1")
                    .containsEntry("flyway|defaultSchema", "hist");
        }
    }

    /**
     * Flyway's name check ({@code validateMigrationNaming}) knows U as a prefix in db-migrate: undo scripts beside the
     * V scripts pass it, and a misnamed undo script is refused as a misnamed V script is, before anything is applied.
     */
    @Test
    void shouldUpgradeAndDowngradeWithFlywaysNameCheckOnAndRefuseAMisnamedUndoScript(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        FlywaySettings naming = new FlywaySettings(Map.of("flyway.validateMigrationNaming", "true"), List.of());
        MigrationEngine engine = new MigrationEngine();

        MigrationResult up = engine.run(Requests.on(db, Action.UPGRADE, dir).flywaySettings(naming).build());
        assertThat(up.message()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        MigrationResult down = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("base")
                .flywaySettings(naming).build());
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(db.historyVersions()).isEmpty();
        assertThat(db.tables()).doesNotContain("users", "tasks");

        Files.writeString(dir.resolve("U4_misnamed.sql"), "SELECT 1;");
        MigrationResult refused = engine.run(Requests.on(db, Action.UPGRADE, dir).flywaySettings(naming).build());
        assertThat(refused.success()).isFalse();
        assertThat(refused.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(refused.message()).contains("Invalid versioned migration name format: U4_misnamed.sql");
        assertThat(db.historyVersions()).isEmpty();
    }

    @Test
    void shouldCrossToAnAgentWithItsFlywaySettings(TestDatabase db) throws Exception {
        FlywaySettings settings = new FlywaySettings(Map.of("flyway.placeholders.tag", "t1"),
                List.of("Unknown setting 'flyway.x' (from flyway.toml): ignored."));
        MigrationRequest request = MigrationRequest.builder(Action.UPGRADE).connection(db.settings())
                .flywaySettings(settings).build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        assertThat(back).isEqualTo(request);
        assertThat(((MigrationRequest) back).flywaySettings()).isEqualTo(settings);
    }
}
