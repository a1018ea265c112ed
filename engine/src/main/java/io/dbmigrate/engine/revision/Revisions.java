package io.dbmigrate.engine.revision;

import org.flywaydb.core.api.MigrationVersion;

/** How a revision is shown: the version as written in the file name, or {@code base} before any migration. */
public final class Revisions {
    public static final String BASE = "base";

    private Revisions() {
    }

    public static String display(MigrationVersion version) {
        return version == null || version.equals(MigrationVersion.EMPTY) ? BASE : version.getVersion();
    }
}
