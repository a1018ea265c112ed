package io.dbmigrate.engine.revision;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import org.flywaydb.core.api.MigrationVersion;

import java.util.List;
import java.util.Optional;

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
            return previous.orElseThrow(() -> new MigrationException(ErrorKind.INVALID_INPUT, Messages.noPrevious()));
        }
        if (expression instanceof RevisionExpression.Exact exact) {
            return known.stream().filter(v -> v.equals(exact.version())).findFirst()
                    .orElseThrow(() -> new MigrationException(ErrorKind.INVALID_INPUT,
                            Messages.unknownRevision(exact.toString(), known.stream().map(Revisions::display).toList())));
        }
        RevisionExpression.Relative relative = (RevisionExpression.Relative) expression;
        int at = positionOfCurrent();
        int to = at + relative.steps();
        if (to < -1 || to >= known.size()) {
            int available = relative.steps() > 0 ? known.size() - 1 - at : at + 1;
            throw new MigrationException(ErrorKind.INVALID_INPUT,
                    Messages.relativeOutOfRange(relative.toString(), Revisions.display(current), available));
        }
        return to == -1 ? MigrationVersion.EMPTY : known.get(to);
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
