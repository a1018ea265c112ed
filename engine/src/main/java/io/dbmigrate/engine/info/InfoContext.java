package io.dbmigrate.engine.info;

import org.flywaydb.core.api.MigrationVersion;

import java.util.HashMap;
import java.util.Map;

/** What Flyway's MigrationInfoContext holds for the states, filled in the same order as Flyway fills it. */
final class InfoContext {
    boolean outOfOrder;
    MigrationVersion pendingBaseline;
    MigrationVersion appliedBaseline;
    MigrationVersion lastResolved = MigrationVersion.EMPTY;
    MigrationVersion lastApplied = MigrationVersion.EMPTY;
    Map<String, Integer> latestRepeatableRuns = new HashMap<>();
}
