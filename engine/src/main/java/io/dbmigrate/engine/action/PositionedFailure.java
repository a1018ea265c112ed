package io.dbmigrate.engine.action;

import java.sql.SQLException;

/**
 * An action's failure once its position was known: the failure as it was thrown (the engine translates it, as any
 * other), and the position the failed result reports.
 */
public final class PositionedFailure extends RuntimeException {
    private final RunPosition position;
    private final Exception failure;

    PositionedFailure(RunPosition position, Exception failure) {
        // only a carrier: its message is the failure's, and the failure has the stack trace
        super(failure.getMessage(), failure, false, false);
        this.position = position;
        this.failure = failure;
    }

    public RunPosition position() {
        return position;
    }

    /** The SQLException or RuntimeException the action failed with. */
    public Exception failure() {
        return failure;
    }

    /**
     * For a run inside another (on a scratch database), where only the failure counts: a RuntimeException is thrown
     * again here, an SQLException is returned for the caller to throw.
     */
    SQLException unwrap() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return (SQLException) failure;
    }
}
