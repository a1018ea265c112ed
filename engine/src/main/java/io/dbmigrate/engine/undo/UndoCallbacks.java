package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ScriptFailures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SQL callbacks of a downgrade, named as Flyway's paid edition names its undo callbacks and found in the migration
 * folders as it finds them: {@code beforeUndo.sql} before the first undo script and {@code afterUndo.sql} after the
 * last, both inside the downgrade's transaction; {@code beforeEachUndo.sql} and {@code afterEachUndo.sql} around each
 * undo script; {@code afterUndoError.sql} after a failed downgrade was rolled back, in a transaction of its own. Each
 * is read as an undo script is ({@link UndoScript#read}): the same placeholders, the same statements refused up front.
 */
public record UndoCallbacks(List<UndoScript> beforeUndo, List<UndoScript> beforeEachUndo,
                            List<UndoScript> afterEachUndo, List<UndoScript> afterUndo,
                            List<UndoScript> afterUndoError) {
    public static final UndoCallbacks NONE = new UndoCallbacks(List.of(), List.of(), List.of(), List.of(), List.of());

    public UndoCallbacks {
        beforeUndo = List.copyOf(beforeUndo);
        beforeEachUndo = List.copyOf(beforeEachUndo);
        afterEachUndo = List.copyOf(afterEachUndo);
        afterUndo = List.copyOf(afterUndo);
        afterUndoError = List.copyOf(afterUndoError);
    }

    /** Reads every callback in {@code locations}, refusing up front what a downgrade would refuse. */
    public static UndoCallbacks read(ScriptLocations locations, UndoEnvironment environment) {
        return new UndoCallbacks(read(locations, "beforeUndo", environment),
                read(locations, "beforeEachUndo", environment), read(locations, "afterEachUndo", environment),
                read(locations, "afterUndo", environment), read(locations, "afterUndoError", environment));
    }

    private static List<UndoScript> read(ScriptLocations locations, String event, UndoEnvironment environment) {
        List<UndoScript> scripts = new ArrayList<>();
        for (Path file : locations.sqlCallbacks(event)) {
            UndoScript script = UndoScript.read(file, environment);
            if (!script.executeInTransaction()) {
                throw ScriptFailures.callbackOutsideTransaction(script.name());
            }
            scripts.add(script);
        }
        return scripts;
    }

    /** Those that run with a step marked to run outside the transaction, and so outside it too. */
    public List<UndoScript> aroundOutsideStep() {
        return Stream.of(beforeEachUndo, afterEachUndo, afterUndo).flatMap(List::stream).toList();
    }

    /** Every callback, in the order a downgrade could run them. */
    public List<UndoScript> all() {
        return Stream.of(beforeUndo, beforeEachUndo, afterEachUndo, afterUndo, afterUndoError).flatMap(List::stream)
                .toList();
    }
}
