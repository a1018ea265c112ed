package io.dbmigrate.engine.report;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result as plain maps, lists, strings, numbers and booleans: what a Pipeline step returns to
 * Groovy (serializable, sandbox-readable) and what JSON output is written from. Field names are the
 * record's, so `--json`, the step's map and the HTTP answers agree.
 */
public final class ResultMap {
    private ResultMap() {
    }

    public static LinkedHashMap<String, Object> of(MigrationResult result) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("success", result.success());
        map.put("message", result.message());
        map.put("currentRevision", result.currentRevision());
        map.put("previousRevision", result.previousRevision());
        map.put("action", result.action() == null ? "" : result.action().id());
        map.put("target", result.target());
        ArrayList<Map<String, Object>> steps = new ArrayList<>();
        for (MigrationStep step : result.migrations()) {
            steps.add(of(step));
        }
        map.put("migrations", steps);
        map.put("error", result.error() == null ? null : result.error().name());
        map.put("pending", result.pending());
        map.put("warnings", new ArrayList<>(result.warnings()));
        ArrayList<Map<String, Object>> backups = new ArrayList<>();
        for (BackupTable backup : result.backups()) {
            LinkedHashMap<String, Object> b = new LinkedHashMap<>();
            b.put("kind", backup.kind().name());
            b.put("source", backup.source());
            b.put("schema", backup.schema());
            b.put("object", backup.object());
            b.put("columns", new ArrayList<>(backup.columns()));
            b.put("keyColumns", new ArrayList<>(backup.keyColumns()));
            b.put("table", backup.table());
            b.put("rows", backup.rows());
            b.put("version", backup.version());
            backups.add(b);
        }
        map.put("backups", backups);
        return map;
    }

    private static LinkedHashMap<String, Object> of(MigrationStep step) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("version", step.version());
        map.put("description", step.description());
        map.put("script", step.script());
        map.put("state", step.state().label());
        map.put("millis", step.millis());
        map.put("appliedAt", step.appliedAt());
        map.put("reversible", step.reversible());
        if (!step.sql().isEmpty()) {
            map.put("sql", step.sql());
        }
        return map;
    }
}
