package io.dbmigrate.engine.testing;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;

import java.nio.file.Path;
import java.util.List;

/** Requests as a user would make them, pointed at a test database and a migration folder. */
public final class Requests {
    private Requests() {
    }

    public static MigrationRequest.Builder on(TestDatabase db, Action action, Path migrations) {
        return MigrationRequest.builder(action)
                .connection(db.settings())
                .locations(List.of("filesystem:" + migrations))
                .lockTimeoutSeconds(5)
                .actor("test");
    }

    public static MigrationRequest of(TestDatabase db, Action action, String revision, Path migrations) {
        return on(db, action, migrations).revision(revision).build();
    }
}
