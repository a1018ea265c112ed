package io.dbmigrate.engine.sql;

import java.nio.charset.StandardCharsets;

/** PostgreSQL identifiers: quoting, and its limit of 63 bytes a name. */
public final class Identifiers {
    /** NAMEDATALEN - 1: PostgreSQL silently truncates longer names, so two long names can become one. */
    public static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /** {@code "name"}, with inner quotes doubled: safe for any name. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The name as typed when PostgreSQL would read it back unchanged (lower case, no specials), else quoted. */
    public static String quoteIfNeeded(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : quote(identifier);
    }

    /** {@code "schema"."name"}. */
    public static String quote(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** The longest prefix of {@code name} that fits in {@code maxBytes} of UTF-8, never splitting a character. */
    public static String truncate(String name, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }
}
