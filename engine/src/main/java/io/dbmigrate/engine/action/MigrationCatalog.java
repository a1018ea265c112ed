package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.ScriptFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.ScriptLocations;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.schemahistory.SchemaHistory;
import org.flywaydb.core.internal.util.AbbreviationUtils;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One reading of Flyway's {@code info()}: every migration, applied or on disk, in Flyway's order, and the current
 * revision. Flyway's view is the truth (out-of-order versions, 1.0 == 1, baselines, repeatables' checksums), whether
 * Flyway computed it or HistoryInfo did without starting Flyway (Session.catalog).
 *
 * @param listed versioned migrations (a baseline included) and repeatable ones; not the schema-creation marker
 */
public record MigrationCatalog(boolean historyExists, MigrationVersion current, List<MigrationInfo> listed) {

    public MigrationCatalog {
        listed = List.copyOf(listed);
    }

    public static MigrationCatalog of(boolean historyExists, MigrationInfo[] all, MigrationInfo current) {
        List<MigrationInfo> listed = Arrays.stream(all)
                // the schema-creation marker is synthetic and no migration; a baseline is one
                .filter(i -> !i.getType().isSynthetic() || i.getType().isBaseline())
                .toList();
        MigrationVersion now = current == null || current.getVersion() == null ? MigrationVersion.EMPTY
                : current.getVersion();
        return new MigrationCatalog(historyExists, now, listed);
    }

    /** Versioned migrations (a baseline included), applied or on disk. */
    public List<MigrationInfo> versioned() {
        return listed.stream().filter(i -> i.getVersion() != null).toList();
    }

    /** Repeatable migrations: each file on disk and each history row of one (Success, Outdated, Superseded...). */
    public List<MigrationInfo> repeatables() {
        return listed.stream().filter(i -> i.getVersion() == null).toList();
    }

    /** Repeatable migrations Flyway would (re-)apply after the versioned ones: new, changed, or marked by a downgrade. */
    public List<MigrationInfo> pendingRepeatables() {
        return repeatables().stream().filter(i -> i.getState() == MigrationState.PENDING).toList();
    }

    /**
     * The history rows of every repeatable migration whose file is on disk: deleting them makes Flyway see the file
     * as never applied, so the next upgrade re-applies it after the versioned migrations.
     */
    public List<MigrationInfo> appliedRepeatables() {
        return repeatables().stream()
                .filter(i -> i.getState().isApplied() && i.getState().isResolved() && !i.getState().isFailed())
                .toList();
    }

    public String currentRevision() {
        return Revisions.display(current);
    }

    /** Every version a revision can name: applied ones and those on disk. */
    public List<MigrationVersion> knownVersions() {
        return versioned().stream().map(MigrationInfo::getVersion).distinct().sorted().toList();
    }

    /** Migrations Flyway would apply, in order, up to and including {@code target}. */
    public List<MigrationInfo> pendingUpTo(MigrationVersion target) {
        return versioned().stream()
                .filter(i -> i.getState() == MigrationState.PENDING || i.getState() == MigrationState.ABOVE_TARGET)
                .filter(i -> i.getVersion().compareTo(target) <= 0)
                .sorted(Comparator.comparing(MigrationInfo::getVersion))
                .toList();
    }

    /** What Flyway's {@code pending()} counts: versioned and repeatable migrations an upgrade to head would apply. */
    public int pendingCount() {
        return (int) listed.stream().filter(i -> i.getState() == MigrationState.PENDING).count();
    }

    /** Applied versioned migrations (a baseline included) in the order the history says they were applied. */
    public List<MigrationInfo> appliedByRank() {
        return versioned().stream()
                .filter(MigrationCatalog::isApplied)
                .sorted(Comparator.comparing(MigrationInfo::getInstalledRank))
                .toList();
    }

    /**
     * Refuses when an applied migration's file changed or was renamed since it ran, or when it is gone: neither
     * an upgrade nor an undo can be trusted then.
     */
    public void requireAppliedUnchanged(List<MigrationInfo> applied, ScriptLocations locations) {
        for (MigrationInfo info : applied) {
            if (info.getType().isBaseline()) {
                continue;
            }
            if (!info.getState().isResolved()) {
                throw RunFailures.appliedNotFound(info.getVersion().getVersion(), locations.describe());
            }
            if (!info.isChecksumMatching()) {
                throw RunFailures.checksumMismatch(info.getScript(), info.getVersion().getVersion());
            }
            if (isRenamed(info)) {
                throw RunFailures.descriptionMismatch(info.getScript(),
                        Path.of(info.getPhysicalLocation()).getFileName().toString(), info.getVersion().getVersion());
            }
        }
    }

    /**
     * What Flyway's validate-on-migrate would refuse with its default {@code ignoreMigrationPatterns} ("*:future",
     * to which migrate adds "*:pending"), checked on this reading so the upgrade needs no second scan: applied files
     * changed, renamed or gone (repeatable ones too), a failed row, or a file older than the current revision that was
     * never applied (Flyway refuses it unless out of order is allowed, when it is pending instead of ignored).
     * Migrations applied above every file (Future: a newer release applied them) pass, as in Flyway.
     *
     * @return one warning for each future migration passed over
     */
    public List<String> requireValidForUpgrade(ScriptLocations locations) {
        // with no file at all Flyway goes on but logs an error: a wrong location more likely than a newer release
        boolean nothingResolved = listed.stream().allMatch(i -> isBlank(i.getPhysicalLocation()));
        requireAppliedUnchanged(applied().stream().filter(i -> nothingResolved || !isFuture(i)).toList(), locations);
        for (MigrationInfo info : repeatables()) {
            if (info.getState() == MigrationState.MISSING_SUCCESS || info.getState() == MigrationState.MISSING_FAILED) {
                throw RunFailures.repeatableNotFound(info.getScript(), locations.describe());
            }
        }
        // Flyway's DbMigrate passes over a failed future row only when it is the one failed row
        long failed = listed.stream().filter(i -> i.getState().isFailed()).count();
        for (MigrationInfo info : versioned()) {
            if (info.getState().isFailed() && (failed > 1 || info.getState() != MigrationState.FUTURE_FAILED)) {
                throw RunFailures.failedRow(info.getScript(),
                        info.getVersion().getVersion());
            }
            if (info.getState() == MigrationState.IGNORED) {
                throw ScriptFailures.ignoredMigration(info.getScript(),
                        currentRevision());
            }
        }
        return futureWarnings(locations);
    }

    /** One warning for each migration Flyway calls Future: applied, its file gone, above every version on disk. */
    public List<String> futureWarnings(ScriptLocations locations) {
        return versioned().stream().filter(MigrationCatalog::isFuture)
                .map(i -> Warnings.futureMigration(i.getVersion().getVersion(), i.getState().isFailed(),
                        locations.describe()))
                .toList();
    }

    private static boolean isFuture(MigrationInfo info) {
        return info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    /**
     * Flyway's description mismatch (MigrationInfoImpl.descriptionMismatch): the file's description, cut as the
     * history stores it, differs from the row's.
     */
    private static boolean isRenamed(MigrationInfo info) {
        String resolved = info instanceof MigrationInfoImpl impl
                ? (impl.getResolvedMigration() == null ? null : impl.getResolvedMigration().getDescription())
                : info.getResolvedDescription();
        if (resolved == null) {
            return false;
        }
        String applied = info.getDescription();
        if (SchemaHistory.NO_DESCRIPTION_MARKER.equals(applied)) {
            return !resolved.isEmpty();
        }
        return !AbbreviationUtils.abbreviateDescription(resolved).equals(applied);
    }

    public List<MigrationInfo> applied() {
        return versioned().stream().filter(MigrationCatalog::isApplied).toList();
    }

    /**
     * Applied and still counted: a migration that repair marked deleted (its file was gone) keeps its row, which Flyway
     * counts as applied, but it is no step to check, undo or reverse any more.
     */
    private static boolean isApplied(MigrationInfo info) {
        return info.getState().isApplied() && info.getState() != MigrationState.DELETED;
    }

    /** A migration as info lists it; a repeatable one has no version and no undo script (a downgrade re-applies it). */
    public static MigrationStep describe(MigrationInfo info, ScriptLocations locations) {
        boolean repeatable = info.getVersion() == null;
        return new MigrationStep(repeatable ? "" : info.getVersion().getVersion(), info.getDescription(),
                info.getScript(), StepState.ofFlyway(info.getState().getDisplayName()),
                info.getExecutionTime() == null ? 0 : info.getExecutionTime(),
                info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant().toString(),
                !repeatable && locations.undoScript(info.getVersion()).isPresent());
    }
}
