package io.dbmigrate.engine.info;

import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.extensibility.MigrationType;

import java.util.Date;

/**
 * One migration as Flyway's info lists it (its MigrationInfoImpl), from a script, a history row or both, with the
 * state Flyway gives it. Implements Flyway's small MigrationInfo interface so the catalog reads both sources alike.
 */
final class ListedMigration implements MigrationInfo {
    private final ResolvedScript resolved;
    private final AppliedRow applied;
    private final InfoContext context;
    private final boolean outOfOrder;
    private final boolean deleted;
    /** Computed on first use: by then the reading has filled the context in, as Flyway's is when it asks. */
    private MigrationState state;

    ListedMigration(ResolvedScript resolved, AppliedRow applied, InfoContext context, boolean outOfOrder,
                    boolean deleted) {
        this.resolved = resolved;
        this.applied = applied;
        this.context = context;
        this.outOfOrder = outOfOrder;
        this.deleted = deleted;
    }

    @Override
    public MigrationType getType() {
        return applied != null ? applied.type() : CoreMigrationType.SQL;
    }

    @Override
    public Integer getChecksum() {
        return applied != null ? applied.checksum() : Integer.valueOf(resolved.checksum());
    }

    @Override
    public MigrationVersion getVersion() {
        return applied != null ? applied.version() : resolved.version();
    }

    @Override
    public String getDescription() {
        return applied != null ? applied.description() : resolved.description();
    }

    @Override
    public String getScript() {
        return applied != null ? applied.script() : resolved.script();
    }

    @Override
    public MigrationState getState() {
        if (state == null) {
            state = deleted ? MigrationState.DELETED : applied == null ? resolvedState() : appliedState();
        }
        return state;
    }

    /** Flyway's ResolvedMigration.getState: a script without a history row. */
    private MigrationState resolvedState() {
        MigrationVersion version = resolved.version();
        if (version != null) {
            MigrationVersion baseline = context.lastApplied == MigrationVersion.EMPTY ? context.pendingBaseline
                    : context.appliedBaseline;
            if (version.compareTo(baseline) < 0) {
                return MigrationState.BELOW_BASELINE;
            }
            if (version.compareTo(baseline) == 0) {
                return MigrationState.BASELINE_IGNORED;
            }
            // the target is always latest here: nothing is above it
            if (version.compareTo(context.lastApplied) < 0 && !context.outOfOrder) {
                return MigrationState.IGNORED;
            }
        }
        return MigrationState.PENDING;
    }

    /** Flyway's BaseAppliedMigration.getState: a history row, with its script or without. */
    private MigrationState appliedState() {
        if (applied.type() == CoreMigrationType.DELETE) {
            return MigrationState.SUCCESS;
        }
        if (applied.type().isBaseline()) {
            return MigrationState.BASELINE;
        }
        if (resolved == null && isRepeatableLatest()) {
            if (applied.type() == CoreMigrationType.SCHEMA) {
                return MigrationState.SUCCESS;
            }
            boolean missing = applied.version() == null || applied.version().compareTo(context.lastResolved) < 0;
            if (missing) {
                return applied.success() ? MigrationState.MISSING_SUCCESS : MigrationState.MISSING_FAILED;
            }
            return applied.success() ? MigrationState.FUTURE_SUCCESS : MigrationState.FUTURE_FAILED;
        }
        if (!applied.success()) {
            return MigrationState.FAILED;
        }
        if (applied.type() == CoreMigrationType.SCHEMA) {
            return MigrationState.SUCCESS;
        }
        if (applied.version() == null) {
            if (Integer.valueOf(applied.installedRank()).equals(context.latestRepeatableRuns.get(applied.description()))) {
                return resolved != null && resolved.checksumMatches(applied.checksum()) ? MigrationState.SUCCESS
                        : MigrationState.OUTDATED;
            }
            return MigrationState.SUPERSEDED;
        }
        return outOfOrder ? MigrationState.OUT_OF_ORDER : MigrationState.SUCCESS;
    }

    private boolean isRepeatableLatest() {
        if (applied.version() != null) {
            return true;
        }
        Integer latest = context.latestRepeatableRuns.get(applied.description());
        return latest == null || applied.installedRank() == latest;
    }

    @Override
    public Date getInstalledOn() {
        return applied != null ? applied.installedOn() : null;
    }

    @Override
    public String getInstalledBy() {
        return applied != null ? applied.installedBy() : null;
    }

    @Override
    public Integer getInstalledRank() {
        return applied != null ? applied.installedRank() : null;
    }

    @Override
    public Integer getExecutionTime() {
        return applied != null ? applied.executionTime() : null;
    }

    @Override
    public String getPhysicalLocation() {
        return resolved != null ? resolved.physicalLocation() : "";
    }

    @Override
    public Integer getResolvedChecksum() {
        return resolved == null ? null : resolved.checksum();
    }

    @Override
    public Integer getAppliedChecksum() {
        return applied == null ? null : applied.checksum();
    }

    @Override
    public String getResolvedDescription() {
        return resolved == null ? null : resolved.description();
    }

    @Override
    public String getAppliedDescription() {
        return applied == null ? null : applied.description();
    }

    /** Flyway's MigrationInfoImpl.compareTo, without cherry-picking (a Teams feature). */
    @Override
    public int compareTo(MigrationInfo o) {
        if (getInstalledRank() != null && o.getInstalledRank() != null) {
            return getInstalledRank().compareTo(o.getInstalledRank());
        }
        MigrationState state = getState();
        MigrationState oState = o.getState();
        if ((state == MigrationState.BELOW_BASELINE || state == MigrationState.BASELINE_IGNORED)
                && oState.isApplied()) {
            return -1;
        }
        if (state.isApplied()
                && (oState == MigrationState.BELOW_BASELINE || oState == MigrationState.BASELINE_IGNORED)) {
            return 1;
        }
        if (getInstalledRank() != null) {
            return -1;
        }
        if (o.getInstalledRank() != null) {
            return 1;
        }
        return compareVersion(o);
    }

    /** Flyway's MigrationInfoImpl.compareVersion. */
    @Override
    public int compareVersion(MigrationInfo o) {
        if (getVersion() != null && o.getVersion() != null) {
            int v = getVersion().compareTo(o.getVersion());
            if (v != 0) {
                return v;
            }
            if (getType().isUndo() && o.getType().isUndo()) {
                return 0;
            }
            if (getType().isUndo()) {
                return 1;
            } else if (o.getType().isUndo()) {
                return -1;
            }
            if (getType().isBaseline() && o.getType().isBaseline()) {
                return 0;
            }
            if (getType().isBaseline()) {
                return 1;
            } else if (o.getType().isBaseline()) {
                return -1;
            }
            return 0;
        }
        if (getVersion() != null) {
            return -1;
        }
        if (o.getVersion() != null) {
            return 1;
        }
        return getDescription().compareTo(o.getDescription());
    }
}
