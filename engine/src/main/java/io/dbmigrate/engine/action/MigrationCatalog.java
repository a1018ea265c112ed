package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.ScriptLocations;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One reading of Flyway's {@code info()}: every versioned migration, applied or on disk, and the
 * current revision. Flyway's view is the truth (out-of-order versions, 1.0 == 1, baselines).
 */
public record MigrationCatalog(boolean historyExists, MigrationVersion current, List<MigrationInfo> versioned) {

    public static MigrationCatalog of(boolean historyExists, MigrationInfo[] all, MigrationInfo current) {
        List<MigrationInfo> versioned = Arrays.stream(all)
                // the schema-creation marker is synthetic and no revision; a baseline is one
                .filter(i -> i.getVersion() != null && (!i.getType().isSynthetic() || i.getType().isBaseline()))
                .toList();
        MigrationVersion now = current == null || current.getVersion() == null ? MigrationVersion.EMPTY
                : current.getVersion();
        return new MigrationCatalog(historyExists, now, versioned);
    }

    public String currentRevision() {
        return Revisions.display(current);
    }

    /** Every version a revision can name: applied ones and those on disk. */
    public List<MigrationVersion> knownVersions() {
        return versioned.stream().map(MigrationInfo::getVersion).distinct().sorted().toList();
    }

    /** Migrations Flyway would apply, in order, up to and including {@code target}. */
    public List<MigrationInfo> pendingUpTo(MigrationVersion target) {
        return versioned.stream()
                .filter(i -> i.getState() == MigrationState.PENDING || i.getState() == MigrationState.ABOVE_TARGET)
                .filter(i -> i.getVersion().compareTo(target) <= 0)
                .sorted(Comparator.comparing(MigrationInfo::getVersion))
                .toList();
    }

    public int pendingCount() {
        return (int) versioned.stream().filter(i -> i.getState() == MigrationState.PENDING).count();
    }

    /** Applied migrations above {@code target}, newest first: what a downgrade must undo. */
    public List<MigrationInfo> appliedAbove(MigrationVersion target) {
        return versioned.stream()
                .filter(MigrationCatalog::isApplied)
                .filter(i -> i.getVersion().compareTo(target) > 0)
                .sorted(Comparator.comparing(MigrationInfo::getVersion).reversed())
                .toList();
    }

    /**
     * Refuses when an applied migration's file changed since it ran, or when it is gone: neither
     * an upgrade nor an undo can be trusted then.
     */
    public void requireAppliedUnchanged(List<MigrationInfo> applied, ScriptLocations locations) {
        for (MigrationInfo info : applied) {
            if (info.getType().isBaseline()) {
                continue;
            }
            if (!info.getState().isResolved()) {
                throw new MigrationException(ErrorKind.CHECKSUM_MISMATCH,
                        Messages.appliedNotFound(info.getVersion().getVersion(), locations.describe()));
            }
            if (!info.isChecksumMatching()) {
                throw new MigrationException(ErrorKind.CHECKSUM_MISMATCH,
                        Messages.checksumMismatch(info.getScript(), info.getVersion().getVersion()));
            }
        }
    }

    /**
     * What Flyway's validate-on-migrate would refuse, checked on this reading so the upgrade needs no second
     * scan: applied files changed or gone, a failed row, or a file older than the current revision that was
     * never applied (Flyway skips it without out-of-order).
     */
    public void requireValidForUpgrade(ScriptLocations locations) {
        requireAppliedUnchanged(applied(), locations);
        for (MigrationInfo info : versioned) {
            if (info.getState().isFailed()) {
                throw new MigrationException(ErrorKind.SQL_ERROR, Messages.failedRow(info.getScript(),
                        info.getVersion().getVersion()));
            }
            if (info.getState() == MigrationState.IGNORED) {
                throw new MigrationException(ErrorKind.INVALID_INPUT, Messages.ignoredMigration(info.getScript(),
                        currentRevision()));
            }
        }
    }

    public List<MigrationInfo> applied() {
        return versioned.stream().filter(MigrationCatalog::isApplied).toList();
    }

    /**
     * Applied and still counted: a migration that repair marked deleted (its file was gone) keeps its row, which Flyway
     * counts as applied, but it is no step to check, undo or reverse any more.
     */
    private static boolean isApplied(MigrationInfo info) {
        return info.getState().isApplied() && info.getState() != MigrationState.DELETED;
    }

    public static MigrationStep describe(MigrationInfo info, ScriptLocations locations) {
        return new MigrationStep(info.getVersion().getVersion(), info.getDescription(), info.getScript(),
                info.getState().getDisplayName(), info.getExecutionTime() == null ? 0 : info.getExecutionTime(),
                info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant().toString(),
                locations.undoScript(info.getVersion()).isPresent());
    }
}
