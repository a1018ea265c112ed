package io.dbmigrate.engine.connection;

import java.io.Serializable;
import java.util.Objects;

/**
 * A password. Records print every field in {@code toString}, so the value lives here, where
 * {@code toString} prints {@code ****}; only {@link #reveal()} gives it out, for the JDBC driver.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }
}
