package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.SchemaSnapshot;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One autogenerate case in a temporary folder: a migration folder whose head is the "before" schema
 * (V1, or nothing), {@code schema.sql} with the "after" one, and a check that the generated pair, run
 * by the engine's own upgrade and downgrade on a real database, gives exactly the catalog of the schema
 * file applied directly, and then exactly the one before again.
 */
final class Scenario {
    static final String SCRATCH_DATABASES = "SELECT count(*) FROM pg_database WHERE datname LIKE 'dbm_autogen_%'";

    private final MigrationEngine engine = new MigrationEngine();
    private final Path workingDirectory;
    private final List<String> schemas;
    final Path migrations;
    final Path schemaFile;

    Scenario(Path tmp, String before, String after) throws IOException {
        this(tmp, before, after, List.of());
    }

    /** {@code before}: the DDL of V1 (no migration when empty); {@code after}: the desired schema. */
    Scenario(Path tmp, String before, String after, List<String> schemas) throws IOException {
        workingDirectory = tmp;
        this.schemas = schemas;
        migrations = Files.createDirectories(tmp.resolve("migrations"));
        if (!before.isEmpty()) {
            Files.writeString(migrations.resolve("V1__before.sql"), before);
        }
        schemaFile = tmp.resolve("schema.sql");
        Files.writeString(schemaFile, after);
    }

    /** Runs {@code create --autogenerate schema.sql}, the file named relative to the working directory. */
    MigrationResult autogenerate(TestDatabase db, String description) {
        return engine.run(request(db, Action.CREATE).description(description).autogenerateFrom("schema.sql").build());
    }

    private MigrationRequest.Builder request(TestDatabase db, Action action) {
        return Requests.on(db, action, migrations).workingDirectory(workingDirectory.toString()).schemas(schemas);
    }

    /** The text of the migration file whose name starts with the prefix ("V2", "U2"). */
    String script(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix + "__")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + " script in " + migrations));
            return Files.readString(file);
        }
    }

    /** The statements of a generated script, without its comment lines and blank lines. */
    List<String> statements(String prefix) throws IOException {
        return script(prefix).lines().filter(line -> !line.isBlank() && !line.startsWith("--")).toList();
    }

    List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Upgrades {@code db} through the generated version and compares it with {@code reference}, where the
     * schema file is applied as is; then downgrades one step (backups on, as by default) and compares
     * with the catalog before the generated version.
     */
    void assertRoundTrip(TestDatabase db, TestDatabase reference, String generatedVersion) throws Exception {
        int previous = Integer.parseInt(generatedVersion) - 1;
        String previousRevision = previous == 0 ? "base" : String.valueOf(previous);
        if (previous > 0) {
            MigrationResult toPrevious = engine.run(request(db, Action.UPGRADE).revision(previousRevision).build());
            assertThat(toPrevious.success()).as(toPrevious.message()).isTrue();
        }
        SchemaSnapshot before = snapshot(db);
        MigrationResult up = engine.run(request(db, Action.UPGRADE).revision(generatedVersion).build());
        assertThat(up.success()).as(up.message()).isTrue();
        reference.execute(Files.readString(schemaFile));
        assertThat(snapshot(db).differencesTo(snapshot(reference))).as("after V" + generatedVersion).isEmpty();
        MigrationResult down = engine.run(request(db, Action.DOWNGRADE).revision(previousRevision).build());
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(snapshot(db).differencesTo(before)).as("after U" + generatedVersion).isEmpty();
    }

    SchemaSnapshot snapshot(TestDatabase db) throws SQLException {
        return snapshot(db, schemas.isEmpty() ? List.of("public") : schemas);
    }

    /** Everything autogenerate compares, as the user's own connection sees it. */
    static SchemaSnapshot snapshot(TestDatabase db, List<String> schemas) throws SQLException {
        try (Connection connection = db.connect()) {
            return SchemaSnapshot.detailed(CatalogModel.read(connection, schemas));
        }
    }
}
