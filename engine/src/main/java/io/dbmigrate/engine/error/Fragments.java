package io.dbmigrate.engine.error;

import java.util.List;

/** Pieces several messages share word for word. */
final class Fragments {
    private static final int SHOWN = 5;

    private Fragments() {
    }

    /** {@code 42P01 at line 3}, or the state alone when the line is unknown. */
    static String stateAndLine(String sqlState, int line) {
        return sqlState + (line > 0 ? " at line " + line : "");
    }

    /** The first five differences, then how many more there are. */
    static String firstFive(List<String> differences) {
        return String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())))
                + (differences.size() > SHOWN ? "; and " + (differences.size() - SHOWN) + " more" : "");
    }
}
