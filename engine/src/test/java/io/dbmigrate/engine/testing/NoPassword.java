package io.dbmigrate.engine.testing;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.report.ResultJson;

import static org.assertj.core.api.Assertions.assertThat;

/** The check every output gets: the test role's password ({@link PostgresExtension#PASSWORD}) is not in it. */
public final class NoPassword {
    private NoPassword() {
    }

    /** The result as every front end shows it: message, toString (logs) and JSON (--json, the step's map). */
    public static void in(MigrationResult result) {
        in(result.message());
        in(result.toString());
        in(ResultJson.of(result));
    }

    public static void in(String output) {
        assertThat(output).as("output holding the password").doesNotContain(PostgresExtension.PASSWORD);
    }
}
