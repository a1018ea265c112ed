package io.dbmigrate.engine.connection;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void shouldKeepAJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db.example.com:5433/app", "--url");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/app");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEqualTo(Secret.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "postgresql://alice:s3cret@db.example.com:5433/app, jdbc:postgresql://db.example.com:5433/app, db.example.com:5433/app",
            "postgres://alice:s3cret@db.example.com/app,        jdbc:postgresql://db.example.com/app,      db.example.com:5432/app"
    })
    void shouldLiftUserAndPasswordOutOfAPostgresUrl(String raw, String jdbcUrl, String displayName) {
        DatabaseUrl url = DatabaseUrl.parse(raw, "DATABASE_URL");

        assertThat(url.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.password().reveal()).isEqualTo("s3cret");
        assertThat(DatabaseUrl.displayName(url.jdbcUrl())).isEqualTo(displayName).doesNotContain("s3cret");
    }

    @Test
    void shouldDecodeAPercentEncodedPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:p%40ss%2Fw%3Ard+1@db.example.com/app", "DATABASE_URL");

        assertThat(url.password().reveal()).isEqualTo("p@ss/w:rd+1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/app");
    }

    @Test
    void shouldAcceptAUserWithoutPasswordAndAMissingHost() {
        DatabaseUrl withUser = DatabaseUrl.parse("postgresql://alice@db.example.com/app", "DATABASE_URL");
        DatabaseUrl noHost = DatabaseUrl.parse("postgresql:///app", "DATABASE_URL");

        assertThat(withUser.user()).isEqualTo("alice");
        assertThat(withUser.password()).isEqualTo(Secret.NONE);
        assertThat(noHost.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
    }

    @Test
    void shouldKeepSslModeAndOtherParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:pw@db.example.com:5432/app?sslmode=require&connectTimeout=5",
                "DATABASE_URL");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app?sslmode=require&connectTimeout=5");
    }

    @Test
    void shouldLiftUserAndPasswordParametersOutOfTheQuery() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db.example.com:5432/app?user=bob&password=p%26w&sslmode=require",
                "--url");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app?sslmode=require");
        assertThat(url.user()).isEqualTo("bob");
        assertThat(url.password().reveal()).isEqualTo("p&w");
    }

    @Test
    void shouldLetQueryParametersWinOverTheUserInfo() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:one@db.example.com/app?password=two", "DATABASE_URL");

        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.password().reveal()).isEqualTo("two");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/app");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql://alice:pw@db.example.com:5432", "postgresql://db.example.com:5432/",
            "jdbc:postgresql://db.example.com:5432", "jdbc:postgresql://db.example.com/?sslmode=require"})
    void shouldRefuseAUrlWithoutDatabase(String raw) {
        assertThatThrownBy(() -> DatabaseUrl.parse(raw, "DATABASE_URL"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Cannot connect to database: the URL in DATABASE_URL names no database. Add one, "
                        + "as in postgresql://host:5432/app.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql://alice:pw@db.example.com:3306/app", "jdbc:mysql://db.example.com/app",
            "db.example.com:5432/app", "http://db.example.com/app"})
    void shouldRefuseAUrlThatIsNotPostgres(String raw) {
        assertThatThrownBy(() -> DatabaseUrl.parse(raw, "--url"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Cannot connect to database: the URL in --url is not a PostgreSQL URL. Use "
                        + "jdbc:postgresql://host:port/db or postgresql://user@host:port/db.")
                .message().doesNotContain("pw");
    }

    @Test
    void shouldShowHostPortAndDatabaseOnly() {
        assertThat(DatabaseUrl.displayName("jdbc:postgresql://db.example.com:5433/app?sslmode=require"))
                .isEqualTo("db.example.com:5433/app");
        assertThat(DatabaseUrl.displayName("jdbc:postgresql://db.example.com/app")).isEqualTo("db.example.com:5432/app");
        assertThat(DatabaseUrl.displayName("not a url")).isEqualTo("(unparsable URL)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "postgresql://alice:pa/ss@db.example.com/app,   alice,   pa/ss",
            "postgresql://alice:p@ss@db.example.com/app,    alice,   p@ss",
            "postgresql://a@b.example:s3cret@db.example.com/app, a@b.example, s3cret"
    })
    void shouldLiftAnUnencodedPasswordOutOfTheUrlItKeeps(String raw, String user, String password) {
        DatabaseUrl url = DatabaseUrl.parse(raw, "DATABASE_URL");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/app");
        assertThat(url.user()).isEqualTo(user);
        assertThat(url.password().reveal()).isEqualTo(password);
    }

    @Test
    void shouldKeepAnAtSignInTheQuery() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:p@ss@db.example.com:5432/app?application_name=me@ci",
                "DATABASE_URL");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app?application_name=me@ci");
        assertThat(url.password().reveal()).isEqualTo("p@ss");
    }

    @org.junit.jupiter.api.Test
    void shouldLiftCredentialsOutOfAJdbcUrlToo() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://alice:s3cret@db.example.com:5432/app", "DATABASE_URL");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app");
        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.password().reveal()).isEqualTo("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql://alice:s3?cret@db.example.com/app",
            "postgresql://alice:s3#cret@db.example.com/app"})
    void shouldRefuseRatherThanKeepAPasswordInTheUrl(String raw) {
        assertThatThrownBy(() -> DatabaseUrl.parse(raw, "DATABASE_URL"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .message().startsWith("Cannot connect to database: the URL in DATABASE_URL ").doesNotContain("s3");
        assertThat(DatabaseUrl.displayName("jdbc:postgresql://alice:s3cret@db.example.com:5432/app"))
                .isEqualTo("(unparsable URL)");
    }
}
