package io.dbmigrate.engine.admin;

import java.util.Optional;

/**
 * A path below the endpoint root, parsed: {@code status} acts on the default target (the empty
 * name), {@code prod/status} on the target {@code prod}. Surrounding slashes are ignored.
 */
record AdminRoute(String target, AdminEndpoint endpoint) {

    static Optional<AdminRoute> parse(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/", -1);
        if (parts.length == 1) {
            return AdminEndpoint.byId(parts[0]).map(endpoint -> new AdminRoute("", endpoint));
        }
        if (parts.length == 2 && !parts[0].isEmpty()) {
            return AdminEndpoint.byId(parts[1]).map(endpoint -> new AdminRoute(parts[0], endpoint));
        }
        return Optional.empty();
    }
}
