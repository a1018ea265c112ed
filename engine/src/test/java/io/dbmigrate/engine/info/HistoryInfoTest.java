package io.dbmigrate.engine.info;

import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway-free reading equals Flyway's own info() (versions, descriptions, scripts, types, states, checksums,
 * ranks, order and current) for a range of histories that Flyway itself sets up, and leaves to Flyway what it does
 * not cover.
 */
@ExtendWith(PostgresExtension.class)
class HistoryInfoTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** A history set up by Flyway: files written, then steps run on the folder and the database. */
    record Scenario(String name, Map<String, String> files, Setup setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Setup {
        void run(Env env) throws Exception;
    }

    record Env(TestDatabase db, Path dir) {
        FluentConfiguration flyway() {
            return Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                    .locations("filesystem:" + dir).cleanDisabled(true);
        }

        void migrate() {
            flyway().load().migrate();
        }

        void migrate(String target) {
            flyway().target(target).load().migrate();
        }

        void write(String file, String text) throws IOException {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), text);
        }

        void delete(String file) throws IOException {
            Files.delete(dir.resolve(file));
        }

        void sql(String sql) throws Exception {
            db.execute(sql);
        }
    }

    private static final Map<String, String> THREE = Map.of("V1__one.sql", "CREATE TABLE one (id int);\n",
            "V2__two.sql", "CREATE TABLE two (id int);\n", "V3__three.sql", "CREATE TABLE three (id int);\n",
            "R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1 AS x;\n");

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("fresh, no history", THREE, env -> { }),
                new Scenario("all applied", THREE, Env::migrate),
                new Scenario("one pending", THREE, env -> env.migrate("2")),
                new Scenario("history table only", THREE, env -> env.flyway().load().baseline()),
                new Scenario("baseline below the scripts", THREE, env -> {
                    env.sql("CREATE TABLE existing (id int)");
                    env.flyway().baselineVersion("2").load().baseline();
                }),
                new Scenario("baseline then migrate", THREE, env -> {
                    env.sql("CREATE TABLE existing (id int)");
                    env.flyway().baselineVersion("1").load().baseline();
                    env.migrate();
                }),
                new Scenario("failed row", THREE, env -> {
                    env.migrate();
                    env.sql("UPDATE flyway_schema_history SET success = false WHERE version = '3'");
                }),
                new Scenario("failed row of a missing script", THREE, env -> {
                    env.migrate();
                    env.sql("UPDATE flyway_schema_history SET success = false WHERE version = '2'");
                    env.delete("V2__two.sql");
                }),
                new Scenario("ignored below current", THREE, env -> {
                    env.delete("V2__two.sql");
                    env.migrate();
                    env.write("V2__two.sql", "CREATE TABLE two (id int);\n");
                }),
                new Scenario("out of order applied", THREE, env -> {
                    env.delete("V2__two.sql");
                    env.migrate();
                    env.write("V2__two.sql", "CREATE TABLE two (id int);\n");
                    env.flyway().outOfOrder(true).load().migrate();
                }),
                new Scenario("missing script", THREE, env -> {
                    env.migrate();
                    env.delete("V2__two.sql");
                }),
                new Scenario("future version", THREE, env -> {
                    env.migrate();
                    env.delete("V3__three.sql");
                }),
                new Scenario("future failed", THREE, env -> {
                    env.migrate();
                    env.sql("UPDATE flyway_schema_history SET success = false WHERE version = '3'");
                    env.delete("V3__three.sql");
                }),
                new Scenario("deleted by repair", THREE, env -> {
                    env.migrate();
                    env.delete("V2__two.sql");
                    env.flyway().load().repair();
                }),
                new Scenario("deleted by repair, script back", THREE, env -> {
                    env.migrate();
                    env.delete("V2__two.sql");
                    env.flyway().load().repair();
                    env.write("V2__two.sql", "CREATE TABLE two (id int);\n");
                }),
                new Scenario("repeatable outdated", THREE, env -> {
                    env.migrate();
                    env.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 2 AS x;\n");
                }),
                new Scenario("repeatable superseded", THREE, env -> {
                    env.migrate();
                    env.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 2 AS x;\n");
                    env.migrate();
                }),
                new Scenario("repeatable missing", THREE, env -> {
                    env.migrate();
                    env.delete("R__view.sql");
                }),
                new Scenario("repeatable deleted by repair", THREE, env -> {
                    env.migrate();
                    env.delete("R__view.sql");
                    env.flyway().load().repair();
                }),
                new Scenario("repeatable rows deleted by a downgrade", THREE, env -> {
                    env.migrate();
                    env.sql("DELETE FROM flyway_schema_history WHERE version IS NULL");
                }),
                new Scenario("changed after it ran", THREE, env -> {
                    env.migrate();
                    env.write("V2__two.sql", "CREATE TABLE two (id bigint);\n");
                }),
                new Scenario("odd names, line endings and folders", Map.ofEntries(
                        Map.entry("V1__one.sql", "\ufeffCREATE TABLE one (id int);\r\n"),
                        Map.entry("V1_1__one_and_a_bit.sql", "CREATE TABLE onebit (id int);\r"),
                        Map.entry("V01.2__leading_zero.sql", "SELECT 1;\n"),
                        Map.entry("V2.sql", "CREATE TABLE two (id int);\n"),
                        Map.entry("V3__upper.SQL", "CREATE TABLE three (id int);\n"),
                        Map.entry("sub/deeper/V4__below.sql", "CREATE TABLE four (id int);\n"),
                        Map.entry(".hidden/V5__hidden.sql", "CREATE TABLE five (id int);\n"),
                        Map.entry("v6__lower.sql", "CREATE TABLE six (id int);\n"),
                        Map.entry("V__no_version.sql", "SELECT 1;\n"),
                        Map.entry("Vx__bad_version.sql", "SELECT 1;\n"),
                        Map.entry("R1__versioned_repeatable.sql", "SELECT 1;\n"),
                        Map.entry("R__.sql", "SELECT 1;\n"),
                        Map.entry("R__a_view.sql", "SELECT 1;\n"),
                        Map.entry("U1__one.sql", "DROP TABLE one;\n"),
                        Map.entry("beforeMigrate.sql", "SELECT 1;\n"),
                        Map.entry("V7__desc.txt", "not sql\n"),
                        Map.entry("README.md", "notes\n")), env -> env.migrate("1.1")),
                new Scenario("empty folder", Map.of(), env -> { }));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldSeeWhatFlywaySees(Scenario scenario, TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        for (Map.Entry<String, String> file : scenario.files().entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        Env env = new Env(db, dir);
        scenario.setup().run(env);

        assertSame(env, false);
        assertSame(env, true);
    }

    static Stream<Path> projectFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        for (Path root : List.of(ROOT.resolve("examples"), ROOT.resolve("engine/src/test/resources"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isDirectory).filter(HistoryInfoTest::holdsSql).sorted().forEach(folders::add);
            }
        }
        return folders.stream();
    }

    @ParameterizedTest
    @MethodSource("projectFolders")
    void shouldSeeWhatFlywaySeesInEveryProjectFolder(Path folder, TestDatabase db) throws Exception {
        Env env = new Env(db, folder);
        assertSame(env, false);
    }

    @org.junit.jupiter.api.Test
    void shouldSeeWhatFlywaySeesWhenFlywayCreatedTheSchema(TestDatabase db) throws Exception {
        Env env = three(db);
        Path dir = env.dir();
        env.flyway().schemas("app").target("2").load().migrate();

        MigrationInfoService flyway = env.flyway().schemas("app").load().info();
        Optional<HistoryInfo> ours;
        try (Connection connection = db.connect()) {
            ours = new HistoryInfo.Reader(List.of(dir), new InfoSettings(false, false, true, "${", false))
                    .read(connection, "app", "flyway_schema_history", true);
        }

        assertThat(db.column("SELECT type FROM app.flyway_schema_history ORDER BY installed_rank")).contains("SCHEMA");
        assertThat(ours).isPresent();
        assertThat(lines(ours.get().all())).isEqualTo(lines(Arrays.asList(flyway.all())));
        assertThat(line(ours.get().current())).isEqualTo(line(flyway.current()));
    }

    @org.junit.jupiter.api.Test
    void shouldReadTheHistoryAnewButTheFoldersOnceInOneRun(TestDatabase db) throws Exception {
        Env env = three(db);
        Path dir = env.dir();
        env.migrate();
        HistoryInfo.Reader reader = new HistoryInfo.Reader(List.of(dir), new InfoSettings(false, false, true, "${",
                false));

        try (Connection connection = db.connect()) {
            HistoryInfo first = reader.read(connection, "public", "flyway_schema_history", true).orElseThrow();
            // what a downgrade does between its two readings: rows deleted, scripts left as they are
            env.sql("DELETE FROM flyway_schema_history WHERE version = '3'");
            Files.writeString(dir.resolve("V4__four.sql"), "CREATE TABLE four (id int);\n", StandardCharsets.UTF_8);
            HistoryInfo second = reader.read(connection, "public", "flyway_schema_history", true).orElseThrow();

            assertThat(first.current().getVersion().getVersion()).isEqualTo("3");
            assertThat(second.current().getVersion().getVersion()).isEqualTo("2");
            // V4, written after the first reading, is not seen: the folders were read once
            assertThat(second.all().stream().filter(i -> i.getVersion() != null)
                    .map(i -> i.getVersion().getVersion() + " " + i.getState()))
                    .containsExactly("1 SUCCESS", "2 SUCCESS", "3 PENDING");
        }
    }

    /** A folder holding THREE's scripts, on {@code db}. */
    private Env three(TestDatabase db) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        for (Map.Entry<String, String> file : THREE.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return new Env(db, dir);
    }

    static Stream<Map<String, String>> needFlyway() {
        String v1 = "CREATE TABLE one (id int);\n";
        return Stream.of(
                Map.of("V1__one.sql", v1, "V1__one.sql.conf", "executeInTransaction=false\n"),
                Map.of("V1__one.sql", v1, "V1.0__again.sql", v1),
                Map.of("V1__one.sql", v1, "sub/V1__one.sql", v1),
                Map.of("R__view.sql", "CREATE VIEW ${name} AS SELECT 1;\n"),
                Map.of("V1__one.sql", v1, "beforeInfo.sql", "SELECT 1;\n"),
                Map.of("V1__one.sql", v1, "afterConnect.sql", "SELECT 1;\n"),
                Map.of("B2__baseline.sql", v1),
                Map.of("V2__script.sh", "echo hi\n"),
                Map.of("V1__latin1.sql", "\u00e9"));
    }

    @ParameterizedTest
    @MethodSource("needFlyway")
    void shouldLeaveToFlywayWhatNeedsMoreOfIt(Map<String, String> files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            java.nio.charset.Charset charset = file.getKey().contains("latin1") ? StandardCharsets.ISO_8859_1
                    : StandardCharsets.UTF_8;
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), charset);
        }

        Optional<HistoryInfo> ours = new HistoryInfo.Reader(List.of(dir),
                new InfoSettings(false, false, true, "${", false)).read(null, "public", "flyway_schema_history", false);

        assertThat(ours).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldLeaveRefusedNamesToFlywayWhenNamesAreValidated(Scenario scenario) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        for (Map.Entry<String, String> file : scenario.files().entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        FluentConfiguration flyway = Flyway.configure().locations("filesystem:" + dir).validateMigrationNaming(true);
        boolean flywayRefuses;
        try {
            new org.flywaydb.core.internal.resource.ResourceNameValidator().validateSQLMigrationNaming(
                    new org.flywaydb.core.internal.scanner.Scanner<>(org.flywaydb.core.api.migration.JavaMigration.class,
                            flyway, flyway.getLocations()), flyway, null);
            flywayRefuses = false;
        } catch (org.flywaydb.core.api.FlywayException e) {
            flywayRefuses = true;
        }

        Optional<HistoryInfo> ours = new HistoryInfo.Reader(List.of(dir),
                new InfoSettings(false, false, true, "${", true)).read(null, "public", "flyway_schema_history", false);

        assertThat(ours.isEmpty()).as("left to Flyway").isEqualTo(flywayRefuses);
    }

    /** Flyway's info() and ours, line for line; with out of order on, too. */
    private static void assertSame(Env env, boolean outOfOrder) throws Exception {
        MigrationInfoService flyway = env.flyway().outOfOrder(outOfOrder).load().info();
        Optional<HistoryInfo> ours;
        try (Connection connection = env.db().connect()) {
            boolean exists = io.dbmigrate.engine.history.HistoryTable.tableExists(connection, "public",
                    "flyway_schema_history");
            ours = new HistoryInfo.Reader(List.of(env.dir()), new InfoSettings(outOfOrder, false, true, "${", false))
                    .read(connection, "public", "flyway_schema_history", exists);
        }
        assertThat(ours).as("read without Flyway").isPresent();
        assertThat(lines(ours.get().all())).isEqualTo(lines(Arrays.asList(flyway.all())));
        assertThat(line(ours.get().current())).isEqualTo(line(flyway.current()));
    }

    private static List<String> lines(List<MigrationInfo> infos) {
        return infos.stream().map(HistoryInfoTest::line).toList();
    }

    private static String line(MigrationInfo i) {
        if (i == null) {
            return "none";
        }
        return String.join(" | ", String.valueOf(i.getVersion()), i.getDescription(), i.getScript(),
                i.getType().name(), i.getState().name(), String.valueOf(i.getChecksum()),
                String.valueOf(i.getResolvedChecksum()), String.valueOf(i.getAppliedChecksum()),
                String.valueOf(i.isChecksumMatching()), String.valueOf(i.getInstalledRank()),
                String.valueOf(i.getInstalledOn()), String.valueOf(i.getExecutionTime()), i.getPhysicalLocation());
    }

    private static boolean holdsSql(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".sql"));
        } catch (IOException e) {
            return false;
        }
    }
}
