package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmigrate.engine.testing.NoPassword;
import io.dbmigrate.engine.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What one db-migrate command line printed, and its exit status; in-process or as a process alike. */
record CliRun(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** stdout as the one JSON value --json promises. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not one JSON value: " + out + "\nstderr: " + err, e);
        }
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Neither stream holds the test password. */
    CliRun assertNoPassword() {
        NoPassword.in(out);
        NoPassword.in(err);
        return this;
    }

    /** DATABASE_URL in the postgresql://user:password@host:port/db form many teams keep. */
    static Map<String, String> databaseUrl(TestDatabase db) {
        return Map.of("DATABASE_URL", db.postgresUrl());
    }

    /** {@code args} followed by {@code --locations filesystem:<migrations>}. */
    static String[] withLocations(Path migrations, String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--locations", "filesystem:" + migrations))
                .toArray(String[]::new);
    }
}
