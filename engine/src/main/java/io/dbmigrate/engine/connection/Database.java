package io.dbmigrate.engine.connection;


import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Opens JDBC connections through the PostgreSQL driver class itself, not DriverManager, so it works
 * under any class loader (a Jenkins agent's included). Errors come out translated, without secrets.
 */
public final class Database {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private Database() {
    }

    /** Properties every connection gets: a name that shows in pg_stat_activity, and a connect timeout. */
    public static Map<String, String> jdbcProperties(String applicationName) {
        return Map.of("ApplicationName", truncate(applicationName), "connectTimeout",
                String.valueOf(CONNECT_TIMEOUT_SECONDS), "loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    }

    public static Connection open(ConnectionSettings settings, String applicationName) {
        Properties props = new Properties();
        props.putAll(jdbcProperties(applicationName));
        if (!settings.user().isEmpty()) {
            props.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            props.setProperty("password", settings.password().reveal());
        }
        // simple query protocol: each undo statement reaches the server exactly as written in the
        // script, so the server's error position maps back to a line of it
        props.setProperty("preferQueryMode", "simple");
        try {
            Connection connection = new org.postgresql.Driver().connect(settings.jdbcUrl(), props);
            if (connection == null) {
                throw new SQLException("driver refused the URL", "08001");
            }
            return connection;
        } catch (SQLException e) {
            throw new ErrorTranslator(settings).translate(e);
        }
    }

    private static String truncate(String name) {
        // PostgreSQL keeps at most 63 bytes of application_name
        return name.length() > 60 ? name.substring(0, 60) : name;
    }
}
