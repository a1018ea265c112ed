package io.dbmigrate.engine.admin;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.report.ResultMap;
import io.dbmigrate.engine.step.StepOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run started by an endpoint: its progress lines while it runs, then its result. */
final class AdminRun {
    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";

    private final String id;
    private final String target;
    private final String action;
    private final List<String> progress = new ArrayList<>();
    private MigrationResult result;

    AdminRun(String id, String target, String action) {
        this.id = id;
        this.target = target;
        this.action = action;
    }

    String id() {
        return id;
    }

    String target() {
        return target;
    }

    synchronized void progress(int index, int total, MigrationStep step) {
        progress.add(StepOutcome.progressLine(index, total, step));
    }

    synchronized void finish(MigrationResult finished) {
        result = finished;
    }

    /** Null while it runs. */
    synchronized MigrationResult result() {
        return result;
    }

    /** What status answers: the state, the lines so far, and the result once there is one. */
    synchronized Map<String, Object> toMap(String message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("success", result == null || result.success());
        map.put("message", result == null ? message : result.message());
        map.put("runId", id);
        map.put("target", target);
        map.put("action", action);
        map.put("state", result == null ? RUNNING : FINISHED);
        map.put("progress", List.copyOf(progress));
        map.put("result", result == null ? null : ResultMap.of(result));
        return map;
    }
}
