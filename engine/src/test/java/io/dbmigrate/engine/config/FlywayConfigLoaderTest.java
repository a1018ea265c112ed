package io.dbmigrate.engine.config;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a Flyway project's configuration as Flyway's command line does: files, then FLYWAY_*, then the options. */
class FlywayConfigLoaderTest {
    @TempDir
    Path dir;

    private LoadedConfiguration load(Map<String, String> env, Map<String, String> placeholders, String... files) {
        return FlywayConfigLoader.load(dir, List.of(files), env, placeholders);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void shouldReadNothingAndWarnAboutNothingWithoutConfiguration() {
        LoadedConfiguration config = load(Map.of("DATABASE_URL", "postgresql://x/y", "PATH", "/bin"), Map.of());

        assertThat(config.settings().properties()).isEmpty();
        assertThat(config.settings().warnings()).isEmpty();
        assertThat(config.locations()).isEmpty();
        assertThat(config.schemas()).isEmpty();
        assertThat(config.connection().url()).isEmpty();
    }

    @Test
    void shouldReadTheFlywayTableAndTheDefaultEnvironmentOfFlywayToml() throws IOException {
        write("flyway.toml", """
                [environments.default]
                url = "jdbc:postgresql://db:5432/app"
                user = "app"
                password = "${env.DB_PASSWORD}"
                schemas = ["app", "audit"]

                [environments.other]
                url = "jdbc:postgresql://elsewhere/x"

                [flyway]
                locations = ["filesystem:sql", "filesystem:more"]
                placeholderPrefix = "#["
                placeholderSuffix = "]"
                installedBy = "ci"

                [flyway.placeholders]
                tag = "from-toml"
                """);

        LoadedConfiguration config = load(Map.of("DB_PASSWORD", "s3cret"), Map.of());

        assertThat(config.settings().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flyway.placeholders.tag", "from-toml", "flyway.placeholderPrefix", "#[",
                "flyway.placeholderSuffix", "]", "flyway.installedBy", "ci"));
        assertThat(config.settings().warnings()).isEmpty();
        assertThat(config.locations()).containsExactly("filesystem:sql", "filesystem:more");
        assertThat(config.schemas()).containsExactly("app", "audit");
        assertThat(config.connection().url()).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(config.connection().user()).isEqualTo("app");
        assertThat(config.connection().password().reveal()).isEqualTo("s3cret");
        assertThat(config.connection().source()).isEqualTo("flyway.toml");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldTakeTheEnvironmentFlywayEnvironmentNamesWithItsOverrides() throws IOException {
        write("flyway.toml", """
                [flyway]
                environment = "ci"
                placeholders.tag = "base"

                [environments.ci]
                url = "jdbc:postgresql://ci/app"
                schemas = ["ci"]

                [environments.ci.flyway.placeholders]
                tag = "ci"
                """);

        LoadedConfiguration config = load(Map.of(), Map.of());

        assertThat(config.connection().url()).isEqualTo("jdbc:postgresql://ci/app");
        assertThat(config.schemas()).containsExactly("ci");
        assertThat(config.settings().properties()).containsEntry("flyway.placeholders.tag", "ci");
    }

    @Test
    void shouldTakeTheEnvironmentAndMoreFilesFromTheEnvironmentVariables() throws IOException {
        write("flyway.toml", "[environments.ci]\nurl = \"jdbc:postgresql://ci/app\"\n");
        write("ci/extra.toml", "[flyway.placeholders]\ntag = \"extra\"\n");
        write("ci/last.toml", "[flyway.placeholders]\nlast = \"given\"\ntag = \"given\"\n");

        LoadedConfiguration config = load(Map.of("flyway_environment", "ci", "FLYWAY_CONFIG_FILES", "ci/extra.toml"),
                Map.of(), "ci/last.toml");

        assertThat(config.connection().url()).isEqualTo("jdbc:postgresql://ci/app");
        assertThat(config.settings().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flyway.placeholders.tag", "given", "flyway.placeholders.last", "given"));
        assertThat(config.settings().warnings()).isEmpty();
    }

    @Test
    void shouldAcceptAnEnvironmentWithNothingInIt() throws IOException {
        write("flyway.toml", "[flyway]\nenvironment = \"empty\"\n[environments.empty]\n");

        LoadedConfiguration config = load(Map.of(), Map.of());

        assertThat(config.connection().url()).isEmpty();
        assertThat(config.settings().warnings()).isEmpty();
    }

    @Test
    void shouldRefuseAnEnvironmentThatIsNotThere() throws IOException {
        write("flyway.toml", "[flyway]\nenvironment = \"prod\"\n");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Environment 'prod' not found. Check that this environment exists in your configuration.");
    }

    @Test
    void shouldLetTheCommandLineWinOverTheEnvironmentAndTheEnvironmentOverFiles() throws IOException {
        write("flyway.toml", "[flyway.placeholders]\ntag = \"file\"\nother = \"file\"\nthird = \"file\"\n");

        LoadedConfiguration config = load(Map.of("FLYWAY_PLACEHOLDERS_TAG", "env", "FLYWAY_PLACEHOLDERS_OTHER", "env"),
                Map.of("tag", "cli"));

        assertThat(config.settings().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flyway.placeholders.tag", "cli", "flyway.placeholders.other", "env",
                "flyway.placeholders.third", "file"));
    }

    @Test
    void shouldReadLegacyFlywayConfWhenThereIsNoToml() throws IOException {
        write("flyway.conf", """
                flyway.placeholders.tag=conf
                flyway.placeholders.from_env=${RELEASE}
                flyway.schemas=app
                flyway.locations=filesystem:sql
                flyway.url=jdbc:postgresql://db/app
                """);

        LoadedConfiguration config = load(Map.of("RELEASE", "r42"), Map.of());

        assertThat(config.settings().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flyway.placeholders.tag", "conf", "flyway.placeholders.from_env", "r42"));
        assertThat(config.schemas()).containsExactly("app");
        assertThat(config.locations()).containsExactly("filesystem:sql");
        assertThat(config.connection().url()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(config.connection().source()).isEqualTo("flyway.conf");
    }

    @Test
    void shouldReadTomlOverConfAndSaySo() throws IOException {
        write("flyway.conf", "flyway.placeholders.tag=conf\n");
        write("flyway.toml", "[flyway.placeholders]\ntag = \"toml\"\n");

        LoadedConfiguration config = load(Map.of(), Map.of());

        assertThat(config.settings().properties()).containsExactlyEntriesOf(Map.of("flyway.placeholders.tag", "toml"));
        assertThat(config.settings().warnings()).containsExactly(
                "flyway.conf is not read: flyway.toml is, and Flyway reads one kind of config file.");
    }

    @Test
    void shouldReadOnlyConfFilesWhenAConfFileIsGivenAndSaySo() throws IOException {
        write("flyway.toml", "[flyway.placeholders]\ntag = \"toml\"\n");
        write("legacy.conf", "flyway.placeholders.tag=conf\n");

        LoadedConfiguration config = load(Map.of(), Map.of(), "legacy.conf");

        assertThat(config.settings().properties()).containsExactlyEntriesOf(Map.of("flyway.placeholders.tag", "conf"));
        assertThat(config.settings().warnings()).containsExactly(
                "flyway.toml is not read: legacy.conf is, and Flyway reads one kind of config file.");
    }

    @Test
    void shouldReadGivenFilesAfterTheDefaultOnesInOrder() throws IOException {
        write("flyway.toml", "[flyway.placeholders]\na = \"default\"\nb = \"default\"\nc = \"default\"\n");
        write("conf/one.toml", "[flyway.placeholders]\nb = \"one\"\nc = \"one\"\n");
        write("conf/two.toml", "[flyway.placeholders]\nc = \"two\"\n");

        LoadedConfiguration config = load(Map.of(), Map.of(), "conf/one.toml", "conf/two.toml");

        assertThat(config.settings().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flyway.placeholders.a", "default", "flyway.placeholders.b", "one", "flyway.placeholders.c", "two"));
    }

    @Test
    void shouldRefuseAMissingGivenFileAndTomlWithConf() throws IOException {
        write("a.toml", "");
        write("b.conf", "");

        assertThatThrownBy(() -> load(Map.of(), Map.of(), "nope.toml"))
                .hasMessage("Cannot read config file nope.toml: no such file.");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), "a.toml", "b.conf"))
                .hasMessage("Cannot use TOML and .conf config files together (a.toml; b.conf), as Flyway cannot."
                        + " Keep one kind.");
    }

    @Test
    void shouldWarnAboutEverySettingItDoesNotUseNamingItNeverItsValue() throws IOException {
        write("flyway.toml", """
                id = "d2d8d7f4"
                [flyway]
                placeholderz = "x"
                baselineVersion = "5"
                outOfOrder = true
                schemas = ["app"]
                [environments.default]
                displayName = "local"
                jdbcProperties.sslmode = "require"
                """);

        LoadedConfiguration config = load(Map.of("FLYWAY_NO_SUCH_THING", "secret-value"), Map.of());

        assertThat(config.settings().warnings()).containsExactly(
                "Setting 'id' (from flyway.toml) is not used by db-migrate: ignored.",
                "Setting 'flyway.schemas' (from flyway.toml) belongs under [environments.<name>] in a Flyway TOML"
                        + " file: ignored.",
                "Unknown setting 'FLYWAY_NO_SUCH_THING' (from the environment): ignored.",
                "Setting 'environments.default.displayName' (from flyway.toml) is not used by db-migrate: ignored.",
                "Setting 'flyway.jdbcProperties.sslmode' (from flyway.toml) is not used by db-migrate: ignored.",
                "Unknown setting 'flyway.placeholderz' (from flyway.toml): ignored.");
        // outOfOrder is honoured: a downgrade undoes in the order the history says migrations were applied
        assertThat(config.settings().properties()).containsExactly(Map.entry("flyway.baselineVersion", "5"),
                Map.entry("flyway.outOfOrder", "true"));
        assertThat(config.schemas()).isEmpty();
    }

    @Test
    void shouldRefuseAnotherHistoryTable() throws IOException {
        write("flyway.toml", "[flyway]\ntable = \"my_history\"\n");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("The Flyway setting table = 'my_history' is not supported: db-migrate reads and writes the"
                        + " history in flyway_schema_history only. Remove the setting.");
    }

    @Test
    void shouldRefuseAValueFlywayCannotParseWithFlywaysOwnWords() throws IOException {
        write("flyway.toml", "[flyway]\nvalidateMigrationNaming = \"sometimes\"\n");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Invalid Flyway configuration: Invalid value for flyway.validateMigrationNaming (should be"
                        + " either true or false): sometimes");
    }

    @Test
    void shouldNameOnlyTheLineAndColumnOfBrokenToml() throws IOException {
        write("flyway.toml", "[environments.default]\npassword = \"s3cret\n");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .hasMessageStartingWith("Cannot read config file flyway.toml: not valid TOML at line 2, column ")
                .hasMessageNotContaining("s3cret");
    }
}
