package io.dbmigrate.engine.info;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;

import java.util.List;

/** One engine run in a JVM of its own, for ReadPathClassesTest: {@code <action> <revision> <dry-run> <url> <dir>}. */
public final class ReadPathMain {
    private ReadPathMain() {
    }

    public static void main(String[] args) {
        MigrationRequest request = MigrationRequest.builder(Action.fromId(args[0])).revision(args[1])
                .dryRun(Boolean.parseBoolean(args[2]))
                .connection(new ConnectionSettings(args[3], "dbm_app", Secret.of(System.getenv("DBM_PASSWORD")),
                        "--url", ""))
                .locations(List.of("filesystem:" + args[4])).lockTimeoutSeconds(5).actor("test").build();
        MigrationResult result = new MigrationEngine().run(request);
        System.exit(result.success() ? 0 : 1);
    }
}
