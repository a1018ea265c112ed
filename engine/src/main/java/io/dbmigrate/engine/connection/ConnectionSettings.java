package io.dbmigrate.engine.connection;

import io.dbmigrate.engine.error.DatabaseFailures;

import java.io.Serializable;
import java.util.Map;

/**
 * Where to connect and as whom. {@code jdbcUrl} never holds the password; {@code source} says
 * where the URL came from ("--url", "DATABASE_URL", ...) so error messages can point there.
 */
public record ConnectionSettings(String jdbcUrl, String user, Secret password, String source, String credentialsId)
        implements Serializable {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String FLYWAY_URL = "FLYWAY_URL";

    public ConnectionSettings {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw DatabaseFailures.noUrl();
        }
        user = user == null ? "" : user;
        password = password == null ? Secret.NONE : password;
        source = source == null ? "url" : source;
        credentialsId = credentialsId == null ? "" : credentialsId;
    }

    /**
     * Resolves the connection the way DESIGN.md orders it: explicit URL, else DATABASE_URL, else
     * FLYWAY_URL; explicit user and password win over those in the URL, which win over
     * FLYWAY_USER/PGUSER and FLYWAY_PASSWORD/PGPASSWORD.
     *
     * @param urlOption the name of the URL option in the caller's world ("--url", "url"), for messages
     */
    public static ConnectionSettings resolve(String url, String user, Secret password, Map<String, String> env,
                                             String urlOption, String credentialsId) {
        return resolve(url, user, password, env, urlOption, credentialsId, ConfiguredConnection.NONE);
    }

    /** As above, with what a Flyway config file gives as the last fallback of each: files come after the environment. */
    public static ConnectionSettings resolve(String url, String user, Secret password, Map<String, String> env,
                                             String urlOption, String credentialsId, ConfiguredConnection configured) {
        String source = urlOption;
        String raw = url;
        if (isBlank(raw)) {
            raw = env.get(DATABASE_URL);
            source = DATABASE_URL;
        }
        if (isBlank(raw)) {
            raw = env.get(FLYWAY_URL);
            source = FLYWAY_URL;
        }
        if (isBlank(raw)) {
            raw = configured.url();
            source = configured.source();
        }
        if (isBlank(raw)) {
            throw DatabaseFailures.noUrl();
        }
        DatabaseUrl parsed = DatabaseUrl.parse(raw.trim(), source);
        String resolvedUser = firstNonBlank(user, parsed.user(), env.get("FLYWAY_USER"), env.get("PGUSER"),
                configured.user());
        String envPassword = firstNonBlank(env.get("FLYWAY_PASSWORD"), env.get("PGPASSWORD"));
        Secret resolvedPassword = password != null && !password.isEmpty() ? password
                : !parsed.password().isEmpty() ? parsed.password()
                : !envPassword.isEmpty() ? Secret.of(envPassword) : configured.password();
        return new ConnectionSettings(parsed.jdbcUrl(), resolvedUser, resolvedPassword, source, credentialsId);
    }

    /** host:port/database, safe to show anywhere. */
    public String displayName() {
        return DatabaseUrl.displayName(jdbcUrl);
    }

    /** A copy aimed at another database on the same server (used for scratch databases). */
    public ConnectionSettings withDatabase(String database) {
        return new ConnectionSettings(DatabaseUrl.replaceDatabase(jdbcUrl, database), user, password, source,
                credentialsId);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!isBlank(v)) {
                return v;
            }
        }
        return "";
    }
}
