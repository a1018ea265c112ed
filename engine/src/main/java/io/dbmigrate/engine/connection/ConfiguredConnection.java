package io.dbmigrate.engine.connection;

import java.io.Serializable;

/**
 * The URL, user and password a Flyway configuration gives (a config file, or FLYWAY_URL and its kin as Flyway reads
 * them): the last fallback of {@link ConnectionSettings#resolve}.
 *
 * @param source where the URL came from, for messages ({@code flyway.toml})
 */
public record ConfiguredConnection(String url, String user, Secret password, String source) implements Serializable {
    public static final ConfiguredConnection NONE = new ConfiguredConnection("", "", Secret.NONE, "");

    public ConfiguredConnection {
        url = url == null ? "" : url;
        user = user == null ? "" : user;
        password = password == null ? Secret.NONE : password;
        source = source == null ? "" : source;
    }
}
