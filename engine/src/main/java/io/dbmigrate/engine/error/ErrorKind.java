package io.dbmigrate.engine.error;

/** The closed list of reasons an action can fail; the result carries one of them. */
public enum ErrorKind {
    /** Host unreachable, connection refused, unknown database, no URL given. */
    CONNECTION,
    /** Wrong user or password. */
    AUTHENTICATION,
    /** The action needs a schema history table that does not exist yet. */
    NOT_INITIALIZED,
    /** Another run held the migration lock past the timeout. */
    LOCKED,
    /** An applied migration's file was edited after it ran. */
    CHECKSUM_MISMATCH,
    /** A migration to undo has no undo script. */
    IRREVERSIBLE,
    /** A migration or undo script failed. */
    SQL_ERROR,
    /** The database user lacks a privilege the action needs (SQL state 42501); the message names the grant. */
    PERMISSION,
    /** The request itself is wrong: action, revision, description, locations. */
    INVALID_INPUT,
    /** The Jenkins agent could not run the engine: the channel broke, or a class could not load there. */
    AGENT
}
