package io.dbmigrate.engine.error;

/**
 * The only exception the engine throws on purpose. Its message is shown to users as it is, so it
 * is built by {@link Messages} and never holds a password.
 */
public final class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public MigrationException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
