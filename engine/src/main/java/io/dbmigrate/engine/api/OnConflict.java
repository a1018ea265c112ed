package io.dbmigrate.engine.api;

import io.dbmigrate.engine.error.RequestFailures;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code backups restore} does with a kept row whose key already holds a row (a table), or no longer exists (a
 * dropped column): refuse the whole restore (the default), leave those rows as they are, or overwrite them.
 */
public enum OnConflict {
    REFUSE, SKIP, OVERWRITE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnConflict fromId(String id) {
        String wanted = id == null || id.isBlank() ? "refuse" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.id().equals(wanted)).findFirst().orElseThrow(() ->
                RequestFailures.badOnConflict(id));
    }
}
