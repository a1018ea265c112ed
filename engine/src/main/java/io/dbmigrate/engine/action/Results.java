package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationRequest;
import io.dbmigrate.engine.MigrationResult;
import io.dbmigrate.engine.MigrationStep;
import io.dbmigrate.engine.error.MigrationException;

import java.util.List;

/** Builds results, so actions state only what differs. */
public final class Results {
    private Results() {
    }

    public static MigrationResult success(MigrationRequest request, String message, String current, String previous,
                                          String target, List<MigrationStep> migrations, int pending) {
        return success(request, message, current, previous, target, migrations, pending, List.of());
    }

    public static MigrationResult success(MigrationRequest request, String message, String current, String previous,
                                          String target, List<MigrationStep> migrations, int pending,
                                          List<String> warnings) {
        return new MigrationResult(true, message, current, previous, request.action(), target, migrations, null,
                pending, warnings);
    }

    public static MigrationResult failure(MigrationRequest request, MigrationException error, String current,
                                          String previous, String target) {
        return new MigrationResult(false, error.getMessage(), current, previous, request.action(), target,
                List.of(), error.kind(), 0, List.of());
    }
}
