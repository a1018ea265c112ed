package io.dbmigrate.engine.admin;

import io.dbmigrate.engine.api.Action;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The endpoints, each with the action it runs and the methods it accepts. */
enum AdminEndpoint {
    STATUS(Action.CURRENT, List.of("GET", "POST")),
    // state changes only by POST: a link, a prefetch or an image tag must never migrate a database
    MIGRATE(Action.UPGRADE, List.of("POST")),
    DOWNGRADE(Action.DOWNGRADE, List.of("POST")),
    BACKUPS(Action.BACKUPS, List.of("GET", "POST")),
    RESTORE(Action.RESTORE, List.of("POST")),
    PRUNE(Action.PRUNE, List.of("POST"));

    private final Action action;
    private final List<String> methods;

    AdminEndpoint(Action action, List<String> methods) {
        this.action = action;
        this.methods = methods;
    }

    Action action() {
        return action;
    }

    /** The methods this endpoint accepts; HTTP methods are case-sensitive, so "get" is not GET. */
    List<String> methods() {
        return methods;
    }

    /** Taken by POST only, so it may change the database: the ones that run apart from the request. */
    boolean changesState() {
        return !allows("GET");
    }

    boolean allows(String method) {
        return methods.contains(method);
    }

    /** The path segment that names it. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AdminEndpoint> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }
}
