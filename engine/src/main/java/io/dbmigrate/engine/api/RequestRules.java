package io.dbmigrate.engine.api;

import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.revision.RevisionExpression;

/**
 * The checks on a request that need no database, written once: the engine applies them before it connects, the
 * command line turns their failure into a usage error (exit 2), and the Jenkins step into a form check.
 */
public final class RequestRules {
    private RequestRules() {
    }

    /** A revision on an action that takes none, or one that does not parse. A blank revision passes. */
    public static void checkRevision(Action action, String revision) {
        checkRevisionAllowed(action, revision);
        if (revision != null && !revision.isBlank()) {
            RevisionExpression.parse(revision.trim());
        }
    }

    /** A revision on an action that takes none; its syntax is not looked at. A blank revision passes. */
    public static void checkRevisionAllowed(Action action, String revision) {
        if (revision != null && !revision.isBlank() && !action.takesRevision()) {
            throw RequestFailures.revisionNotAllowed(action.id(), revision);
        }
    }

    public static void checkLockTimeout(int seconds) {
        if (seconds < 0) {
            throw RequestFailures.lockTimeoutNegative(seconds);
        }
    }
}
