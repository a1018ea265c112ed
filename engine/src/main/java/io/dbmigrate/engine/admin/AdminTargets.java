package io.dbmigrate.engine.admin;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;

import java.util.Optional;

/**
 * Named databases the endpoints may act on; the empty name is the default target. The handler asks
 * only after a request has passed the administrator and method checks, so an implementation may
 * resolve credentials here.
 */
public interface AdminTargets {

    /**
     * A fresh builder for {@code action} on the named database (connection, locations, schemas, actor
     * filled in; the handler sets the revision), or empty when no target has that name.
     */
    Optional<MigrationRequest.Builder> builderFor(String target, Action action);
}
