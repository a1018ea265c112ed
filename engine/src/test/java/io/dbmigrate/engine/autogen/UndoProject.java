package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.schema.CatalogExtras;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.SchemaSnapshot;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration folder of V scripts without undo scripts, {@code create --undo} run on it, and the check a user makes
 * afterwards: with the engine's own upgrade and downgrade on a real database, each written undo script gives back the
 * catalog of the revision before it exactly.
 */
final class UndoProject {
    private final MigrationEngine engine = new MigrationEngine();
    final Path migrations;

    UndoProject(Path folder) {
        this.migrations = folder;
    }

    static UndoProject of(Path tmp, String... versionScripts) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("migrations"));
        for (int i = 0; i < versionScripts.length; i++) {
            Files.writeString(folder.resolve("V" + (i + 1) + "__step_" + (i + 1) + ".sql"), versionScripts[i]);
        }
        return new UndoProject(folder);
    }

    MigrationRequest.Builder request(TestDatabase db, Action action) {
        return Requests.on(db, action, migrations);
    }

    MigrationResult createUndo(TestDatabase db, String... versions) {
        return engine.run(request(db, Action.CREATE).undo(true, List.of(versions)).build());
    }

    MigrationResult run(TestDatabase db, Action action, String revision) {
        return engine.run(request(db, action).revision(revision).build());
    }

    /** The text of the migration file whose name starts with the prefix ("V2", "U2"). */
    String script(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix + "__")
                    && f.getFileName().toString().endsWith(".sql")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + " script in " + migrations));
            return Files.readString(file);
        }
    }

    /** The statements of a script, without its comment lines and blank lines. */
    List<String> statements(String prefix) throws IOException {
        return script(prefix).lines().filter(line -> !line.isBlank() && !line.startsWith("--")).toList();
    }

    List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * For each version from {@code last} down to 1 that has an undo script: upgrade {@code db} to the version before,
     * read the catalog, upgrade to the version, downgrade one step (backups on, as by default), and compare.
     */
    void assertRoundTrip(TestDatabase db, int version) throws Exception {
        String previous = version == 1 ? "base" : String.valueOf(version - 1);
        if (version > 1) {
            MigrationResult up = run(db, Action.UPGRADE, previous);
            assertThat(up.success()).as(up.message()).isTrue();
        }
        List<String> before = catalog(db);
        MigrationResult up = run(db, Action.UPGRADE, String.valueOf(version));
        assertThat(up.success()).as(up.message()).isTrue();
        List<String> after = catalog(db);
        MigrationResult down = run(db, Action.DOWNGRADE, previous);
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(catalog(db)).as("after U" + version).isEqualTo(before);
        MigrationResult again = run(db, Action.UPGRADE, String.valueOf(version));
        assertThat(again.success()).as(again.message()).isTrue();
        assertThat(catalog(db)).as("after V" + version + " again").isEqualTo(after);
    }

    /** Everything the proof compares, as lines, read from the user's own connection. */
    static List<String> catalog(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            List<String> lines = new ArrayList<>();
            SchemaSnapshot.detailed(CatalogModel.read(connection, List.of("public"))).objects()
                    .forEach((k, v) -> lines.add(k + " = " + v));
            CatalogExtras.read(connection, List.of("public")).entries().forEach((k, v) -> lines.add(k + " = " + v));
            return lines;
        }
    }
}
