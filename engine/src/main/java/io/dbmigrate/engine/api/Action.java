package io.dbmigrate.engine.api;

import io.dbmigrate.engine.error.RequestFailures;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a run does. Each action knows whether it takes a revision and which one it defaults to. */
public enum Action {
    INIT(true, ""),
    CREATE(false, ""),
    UPGRADE(true, "head"),
    DOWNGRADE(true, "-1"),
    CURRENT(false, ""),
    INFO(false, ""),
    VALIDATE(false, ""),
    VERIFY(true, "head"),
    /** Lists the backups downgrades kept. */
    BACKUPS(false, ""),
    /** Puts kept data back where its source exists again. */
    RESTORE(false, ""),
    /** Deletes backups past their retention. */
    PRUNE(false, ""),
    /** Flyway's repair: failed rows removed, applied rows realigned with their files, missing files marked deleted. */
    REPAIR(false, "");

    private final boolean takesRevision;
    private final String defaultRevision;

    Action(boolean takesRevision, String defaultRevision) {
        this.takesRevision = takesRevision;
        this.defaultRevision = defaultRevision;
    }

    public boolean takesRevision() {
        return takesRevision;
    }

    /** The revision used when none is given; empty when the action needs none. */
    public String defaultRevision() {
        return defaultRevision;
    }

    /** The lower-case name users type. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of this name, if there is one. */
    public static Optional<Action> byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id().equals(wanted)).findFirst();
    }

    public static Action fromId(String id) {
        return byId(id).orElseThrow(() -> RequestFailures.unknownAction(
                        id, Arrays.stream(values()).map(Action::id).toList()));
    }
}
