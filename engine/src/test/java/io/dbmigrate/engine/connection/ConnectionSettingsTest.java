package io.dbmigrate.engine.connection;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {
    private static final String SECRET = "Pw-7f3c-NEVER-PRINT";
    private static final String ENV_URL = "postgresql://env_user:" + SECRET + "@env.example.com:5432/from_env";
    private static final String FLYWAY_URL = "jdbc:postgresql://flyway.example.com:5432/from_flyway";

    private static ConnectionSettings resolve(String url, Map<String, String> env) {
        return ConnectionSettings.resolve(url, null, null, env, "--url", "");
    }

    @Test
    void shouldPreferTheExplicitUrl() {
        ConnectionSettings settings = resolve("jdbc:postgresql://given.example.com:5432/given",
                Map.of("DATABASE_URL", ENV_URL, "FLYWAY_URL", FLYWAY_URL));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://given.example.com:5432/given");
        assertThat(settings.source()).isEqualTo("--url");
        assertThat(settings.user()).isEmpty();
        assertThat(settings.password()).isEqualTo(Secret.NONE);
    }

    @Test
    void shouldFallBackToDatabaseUrl() {
        ConnectionSettings settings = resolve(" ", Map.of("DATABASE_URL", ENV_URL, "FLYWAY_URL", FLYWAY_URL));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://env.example.com:5432/from_env");
        assertThat(settings.source()).isEqualTo("DATABASE_URL");
        assertThat(settings.user()).isEqualTo("env_user");
        assertThat(settings.password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void shouldFallBackToFlywayUrlWithFlywayCredentials() {
        ConnectionSettings settings = resolve(null, Map.of("FLYWAY_URL", FLYWAY_URL, "FLYWAY_USER", "fly",
                "FLYWAY_PASSWORD", "fly-pw", "PGUSER", "pg", "PGPASSWORD", "pg-pw"));

        assertThat(settings.jdbcUrl()).isEqualTo(FLYWAY_URL);
        assertThat(settings.source()).isEqualTo("FLYWAY_URL");
        assertThat(settings.user()).isEqualTo("fly");
        assertThat(settings.password().reveal()).isEqualTo("fly-pw");
    }

    @Test
    void shouldUseAConfigFilesConnectionAfterTheEnvironment() {
        ConfiguredConnection file = new ConfiguredConnection("jdbc:postgresql://file.example.com:5432/from_file",
                "file_user", Secret.of("file-pw"), "flyway.toml");

        ConnectionSettings fromFile = ConnectionSettings.resolve(null, null, null, Map.of(), "--url", "", file);
        ConnectionSettings envFirst = ConnectionSettings.resolve(null, null, null,
                Map.of("FLYWAY_URL", FLYWAY_URL, "PGUSER", "pg", "PGPASSWORD", "pg-pw"), "--url", "", file);

        assertThat(fromFile.jdbcUrl()).isEqualTo("jdbc:postgresql://file.example.com:5432/from_file");
        assertThat(fromFile.source()).isEqualTo("flyway.toml");
        assertThat(fromFile.user()).isEqualTo("file_user");
        assertThat(fromFile.password().reveal()).isEqualTo("file-pw");
        assertThat(envFirst.jdbcUrl()).isEqualTo(FLYWAY_URL);
        assertThat(envFirst.user()).isEqualTo("pg");
        assertThat(envFirst.password().reveal()).isEqualTo("pg-pw");
    }

    @Test
    void shouldUsePgUserAndPgPasswordLast() {
        ConnectionSettings settings = resolve(FLYWAY_URL, Map.of("PGUSER", "pg", "PGPASSWORD", "pg-pw"));

        assertThat(settings.user()).isEqualTo("pg");
        assertThat(settings.password().reveal()).isEqualTo("pg-pw");
    }

    @Test
    void shouldLetExplicitCredentialsWinOverTheUrl() {
        ConnectionSettings settings = ConnectionSettings.resolve(ENV_URL, "explicit", Secret.of("explicit-pw"),
                Map.of("PGUSER", "pg", "PGPASSWORD", "pg-pw"), "url", "db-creds");

        assertThat(settings.user()).isEqualTo("explicit");
        assertThat(settings.password().reveal()).isEqualTo("explicit-pw");
        assertThat(settings.source()).isEqualTo("url");
        assertThat(settings.credentialsId()).isEqualTo("db-creds");
    }

    @Test
    void shouldLetTheUrlCredentialsWinOverTheEnvironment() {
        ConnectionSettings settings = resolve(ENV_URL, Map.of("PGUSER", "pg", "PGPASSWORD", "pg-pw"));

        assertThat(settings.user()).isEqualTo("env_user");
        assertThat(settings.password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void shouldSayHowToGiveAUrlWhenNoneIsSet() {
        assertThatThrownBy(() -> resolve("", Map.of("PGUSER", "pg")))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION))
                .hasMessage("Cannot connect to database: no database URL given. Set DATABASE_URL or pass --url "
                        + "(jdbc:postgresql://host:port/db or postgresql://user@host:port/db).");
        assertThatThrownBy(() -> new ConnectionSettings(" ", "u", Secret.NONE, "--url", ""))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    }

    @Test
    void shouldNameTheSourceOfABadUrl() {
        assertThatThrownBy(() -> resolve(null, Map.of("DATABASE_URL", "mysql://u:" + SECRET + "@h/db")))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Cannot connect to database: the URL in DATABASE_URL is not a PostgreSQL URL. Use "
                        + "jdbc:postgresql://host:port/db or postgresql://user@host:port/db.");
    }

    @Test
    void shouldNeverShowThePassword() {
        ConnectionSettings settings = resolve(ENV_URL + "?sslmode=require", Map.of());

        assertThat(settings.displayName()).isEqualTo("env.example.com:5432/from_env");
        assertThat(settings.jdbcUrl()).doesNotContain(SECRET);
        assertThat(settings.toString()).doesNotContain(SECRET).contains("password=****");
    }

    @Test
    void shouldPointAnotherDatabaseOnTheSameServer() {
        ConnectionSettings settings = resolve(ENV_URL + "?sslmode=require", Map.of()).withDatabase("scratch");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://env.example.com:5432/scratch?sslmode=require");
        assertThat(settings.password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void shouldPrintASecretAsStars() {
        assertThat(Secret.of(SECRET)).hasToString("****");
        assertThat(Secret.NONE).hasToString("");
        assertThat(Secret.of(null)).isSameAs(Secret.NONE);
        assertThat(Secret.of("")).isSameAs(Secret.NONE);
        assertThat(Secret.of(SECRET)).isEqualTo(Secret.of(SECRET)).isNotEqualTo(Secret.of("other"));
    }
}
