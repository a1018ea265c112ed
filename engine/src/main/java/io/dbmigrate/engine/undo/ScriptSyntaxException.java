package io.dbmigrate.engine.undo;

/** A script the lexer cannot split into statements: an unterminated string, quoted name, dollar quote or comment. */
public final class ScriptSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    ScriptSyntaxException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The line where the unterminated part starts. */
    public int line() {
        return line;
    }
}
