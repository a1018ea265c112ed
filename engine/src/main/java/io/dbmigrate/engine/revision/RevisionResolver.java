package io.dbmigrate.engine.revision;

import io.dbmigrate.engine.error.RequestFailures;
import org.flywaydb.core.api.MigrationVersion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a {@link RevisionExpression} against the versions the project knows (applied or on
 * disk, ascending), the current revision and the previous one. {@link MigrationVersion#EMPTY}
 * stands for base.
 */
public final class RevisionResolver {
    private final List<MigrationVersion> known;
    private final MigrationVersion current;
    private final Optional<MigrationVersion> previous;

    public RevisionResolver(List<MigrationVersion> known, MigrationVersion current,
                            Optional<MigrationVersion> previous) {
        this.known = known.stream().sorted().distinct().toList();
        this.current = current;
        this.previous = previous;
    }

    public MigrationVersion resolve(RevisionExpression expression) {
        if (expression instanceof RevisionExpression.Head) {
            return known.isEmpty() ? MigrationVersion.EMPTY : known.get(known.size() - 1);
        }
        if (expression instanceof RevisionExpression.Base) {
            return MigrationVersion.EMPTY;
        }
        if (expression instanceof RevisionExpression.Previous) {
            return previous.orElseThrow(() -> RequestFailures.noPrevious());
        }
        if (expression instanceof RevisionExpression.Exact exact) {
            return known.stream().filter(v -> v.equals(exact.version())).findFirst()
                    .orElseThrow(() -> RequestFailures.unknownRevision(exact.toString(), known.stream().map(Revisions::display).toList()));
        }
        RevisionExpression.Relative relative = (RevisionExpression.Relative) expression;
        int at = positionOfCurrent();
        int to = at + relative.steps();
        if (to < -1 || to >= known.size()) {
            int available = relative.steps() > 0 ? known.size() - 1 - at : at + 1;
            throw RequestFailures.relativeOutOfRange(relative.toString(), Revisions.display(current), available);
        }
        return to == -1 ? MigrationVersion.EMPTY : known.get(to);
    }

    /**
     * What a downgrade to {@code expression} undoes, given the applied versions in the order the history says they
     * were applied: {@code -N} takes back the last N applied (with out-of-order history, not always the N highest);
     * a revision takes back every applied version above it, newest applied first, and must itself be applied (or
     * base), so a downgrade never claims to reach a version that was never applied.
     */
    public UndoTarget toUndo(RevisionExpression expression, List<MigrationVersion> appliedByRank) {
        List<MigrationVersion> undo;
        if (expression instanceof RevisionExpression.Relative relative && relative.steps() < 0) {
            int steps = -relative.steps();
            if (steps > appliedByRank.size()) {
                throw RequestFailures.relativeOutOfRange(relative.toString(), Revisions.display(current), appliedByRank.size());
            }
            undo = appliedByRank.subList(appliedByRank.size() - steps, appliedByRank.size());
        } else {
            MigrationVersion target = resolve(expression);
            if (target.compareTo(current) > 0) {
                throw RequestFailures.downgradeTargetAboveCurrent(
                        Revisions.display(target), Revisions.display(current));
            }
            if (!target.equals(MigrationVersion.EMPTY) && !appliedByRank.contains(target)) {
                throw RequestFailures.downgradeTargetNotApplied(
                        Revisions.display(target), appliedByRank.stream().sorted().map(Revisions::display).toList());
            }
            undo = appliedByRank.stream().filter(v -> v.compareTo(target) > 0).toList();
        }
        List<MigrationVersion> newestFirst = new ArrayList<>(undo);
        Collections.reverse(newestFirst);
        Set<MigrationVersion> undone = new HashSet<>(undo); // a set: a downgrade to base may undo thousands
        MigrationVersion leaves = appliedByRank.stream().filter(v -> !undone.contains(v)).max(Comparator.naturalOrder())
                .orElse(MigrationVersion.EMPTY);
        return new UndoTarget(newestFirst, leaves);
    }

    /**
     * @param versions what to undo, newest applied first
     * @param revision the revision it leaves: the highest version still applied, as Flyway's {@code current()} says
     */
    public record UndoTarget(List<MigrationVersion> versions, MigrationVersion revision) {
        public UndoTarget {
            versions = List.copyOf(versions);
        }
    }

    /** Index of the current revision among the known versions; -1 at base. */
    private int positionOfCurrent() {
        if (current.equals(MigrationVersion.EMPTY)) {
            return -1;
        }
        int below = -1;
        for (int i = 0; i < known.size(); i++) {
            if (known.get(i).compareTo(current) <= 0) {
                below = i;
            }
        }
        return below;
    }
}
