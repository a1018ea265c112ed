package io.dbmigrate.engine.step;

import io.dbmigrate.engine.api.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a build shows for one database: its badge in the build history, its row on the build page and the
 * variables later stages see. Only steps that change the database make or update one, so a later
 * {@code validate} cannot hide what the build's upgrade did; two such steps on one database merge into one badge.
 * Every string comes from a masked result and the database's display name, so none holds a secret.
 *
 * @param database         host:port/database, the key steps are merged by
 * @param label            what the badge names: the target's name, else the database's own name
 * @param revision         the revision reached; empty when no step could read one
 * @param previousRevision where the database was before the build's first step that changed it
 * @param actions          the actions run, in order, for example {@code [upgrade, downgrade]}
 * @param lines            one line per migration applied or undone, in order
 * @param failed           whether the most recent of those steps failed
 */
public record BuildBadge(String database, String label, String revision, String previousRevision,
                         List<String> actions, List<String> lines, boolean failed) {

    /** The actions that change a database; the others only read it and leave the badge alone. */
    private static final Set<Action> CHANGING = Set.of(Action.INIT, Action.UPGRADE, Action.DOWNGRADE, Action.RESTORE,
            Action.PRUNE, Action.REPAIR);

    public BuildBadge {
        database = database == null ? "" : database;
        label = label == null || label.isBlank() ? database : label;
        revision = revision == null ? "" : revision;
        previousRevision = previousRevision == null ? "" : previousRevision;
        actions = actions == null ? List.of() : List.copyOf(actions);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Whether a step of this action records a badge. */
    public static boolean recordedFor(String action) {
        return CHANGING.stream().anyMatch(a -> a.id().equals(action));
    }

    /**
     * The badge a step leaves, or empty when it leaves none: it only read the database, or it never reached one
     * (its arguments were refused).
     *
     * @param target the step's {@code target:}, empty when it named none
     */
    public static Optional<BuildBadge> of(StepOutcome outcome, String target) {
        if (!recordedFor(outcome.action()) || outcome.database().isEmpty()) {
            return Optional.empty();
        }
        String name = target == null || target.isBlank() ? databaseName(outcome.database()) : target.trim();
        return Optional.of(new BuildBadge(outcome.database(), name, outcome.result().currentRevision(),
                outcome.result().previousRevision(), List.of(outcome.action()), outcome.summaryLines(),
                !outcome.result().success()));
    }

    /** This badge with a later step on the same database: its revision and state win, the starting point stays. */
    public BuildBadge merge(BuildBadge later) {
        if (!later.database.equals(database)) {
            throw new IllegalArgumentException("badges of two databases: " + database + ", " + later.database);
        }
        List<String> allActions = new ArrayList<>(actions);
        allActions.addAll(later.actions);
        List<String> allLines = new ArrayList<>(lines);
        allLines.addAll(later.lines);
        return new BuildBadge(database, later.label, later.revision.isEmpty() ? revision : later.revision,
                previousRevision.isEmpty() ? later.previousRevision : previousRevision, allActions, allLines,
                later.failed);
    }

    /** Short enough for the build history: {@code prod: 5}, {@code app: ?} when no revision could be read. */
    public String text() {
        return label + ": " + (revision.isEmpty() ? "?" : revision);
    }

    /** For example {@code upgrade, downgrade on db.example.com:5432/app: 3 → 4 (failed)}. */
    public String tooltip() {
        String where = revision.isEmpty() ? "revision unknown"
                : previousRevision.isEmpty() || previousRevision.equals(revision) ? "at " + revision
                : previousRevision + " → " + revision;
        return String.join(", ", actions) + " on " + database + ": " + where + (failed ? " (failed)" : "");
    }

    /** Variables later stages see: the most recently recorded badge's revision and its starting point. */
    public Map<String, String> environment() {
        return StepOutcome.environment(revision, previousRevision);
    }

    /** {@code app} from {@code db.example.com:5432/app}. */
    private static String databaseName(String database) {
        int slash = database.lastIndexOf('/');
        return slash < 0 || slash == database.length() - 1 ? database : database.substring(slash + 1);
    }
}
