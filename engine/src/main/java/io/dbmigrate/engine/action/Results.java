package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.error.MigrationException;

import java.util.List;

/**
 * The one way actions build results, so each states only what differs: what is not set stays empty (no revisions,
 * target, migrations, warnings or backups; nothing pending).
 */
public final class Results {
    private final Action action;
    private String current = "";
    private String previous = "";
    private String target = "";
    private List<MigrationStep> migrations = List.of();
    private int pending;
    private List<String> warnings = List.of();
    private List<BackupTable> backups = List.of();

    private Results(Action action) {
        this.action = action;
    }

    /** A result of the request's action. */
    public static Results of(MigrationRequest request) {
        return new Results(request.action());
    }

    /** The revision the database is at now, and the one before. */
    public Results revisions(String currentRevision, String previousRevision) {
        this.current = currentRevision;
        this.previous = previousRevision;
        return this;
    }

    public Results target(String targetRevision) {
        this.target = targetRevision;
        return this;
    }

    public Results migrations(List<MigrationStep> steps) {
        this.migrations = steps;
        return this;
    }

    public Results pending(int count) {
        this.pending = count;
        return this;
    }

    public Results warnings(List<String> lines) {
        this.warnings = lines;
        return this;
    }

    public Results backups(List<BackupTable> tables) {
        this.backups = tables;
        return this;
    }

    public MigrationResult success(String message) {
        return new MigrationResult(true, message, current, previous, action, target, migrations, null, pending,
                warnings, backups);
    }

    public MigrationResult failure(MigrationException error) {
        return new MigrationResult(false, error.getMessage(), current, previous, action, target, migrations,
                error.kind(), pending, warnings, backups);
    }

    public static MigrationResult success(MigrationRequest request, String message, String current, String previous,
                                          String target, List<MigrationStep> migrations, int pending) {
        return success(request, message, current, previous, target, migrations, pending, List.of());
    }

    public static MigrationResult success(MigrationRequest request, String message, String current, String previous,
                                          String target, List<MigrationStep> migrations, int pending,
                                          List<String> warnings) {
        return of(request).revisions(current, previous).target(target).migrations(migrations).pending(pending)
                .warnings(warnings).success(message);
    }

    public static MigrationResult failure(MigrationRequest request, MigrationException error, String current,
                                          String previous, String target) {
        return of(request).revisions(current, previous).target(target).failure(error);
    }
}
