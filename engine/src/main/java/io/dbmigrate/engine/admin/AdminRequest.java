package io.dbmigrate.engine.admin;

import java.util.Map;

/**
 * One call to the admin endpoints, as a front end (Jenkins root action, {@code db-migrate serve}) sees it.
 *
 * @param method        the HTTP method as sent, for example {@code POST}
 * @param path          relative to the endpoint root: "status", "migrate", "downgrade", or "<target>/status" etc.
 * @param parameters    query and form parameters: revision, run (status), and those of restore and prune
 * @param administrator whether the front end has authenticated the caller as an administrator
 * @param actor         who the front end authenticated, for the audit table; empty leaves the target's own
 */
public record AdminRequest(String method, String path, Map<String, String> parameters, boolean administrator,
                           String actor) {

    public AdminRequest {
        method = method == null ? "" : method;
        path = path == null ? "" : path;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        actor = actor == null ? "" : actor.trim();
    }

    public AdminRequest(String method, String path, Map<String, String> parameters, boolean administrator) {
        this(method, path, parameters, administrator, "");
    }
}
