package io.dbmigrate.engine.plan;

import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.error.ScriptFailures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects a dry run: each script that would run, with its SQL, and the destructive statements in it. */
public final class Planner {
    private final List<MigrationStep> steps = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    public void add(String version, String description, Path script, boolean reversible) {
        String sql = read(script);
        add(version, description, script.getFileName().toString(), sql, reversible);
    }

    public void add(String version, String description, String scriptName, String sql, boolean reversible) {
        steps.add(new MigrationStep(version, description, scriptName, StepState.PLANNED, 0, "", reversible, sql));
        findings.addAll(DestructiveStatements.find(scriptName, sql));
    }

    public List<MigrationStep> steps() {
        return List.copyOf(steps);
    }

    public List<String> warnings() {
        return findings.stream().map(Finding::toString).toList();
    }

    public static String read(Path script) {
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ScriptFailures.cannotRead(script.toString(), e.getClass().getSimpleName());
        }
    }
}
