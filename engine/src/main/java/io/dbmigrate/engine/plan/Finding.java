package io.dbmigrate.engine.plan;

import java.io.Serializable;

/**
 * A destructive statement in a script, with a stable code (as Atlas names its checks), the script and
 * line, and a short text that quotes the object.
 *
 * @param target the object as written in the script: the schema for DS101, else the table
 */
public record Finding(FindingCode code, String script, int line, String text, String target) implements Serializable {
    @Override
    public String toString() {
        return code + " " + script + ":" + line + ": " + text;
    }
}
