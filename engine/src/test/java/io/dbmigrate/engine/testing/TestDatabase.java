package io.dbmigrate.engine.testing;

import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database on the shared test server, with the queries tests use to check what a user would see. */
public final class TestDatabase {
    private final int port;
    private final String name;

    TestDatabase(int port, String name) {
        this.port = port;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    /** The form many teams keep in DATABASE_URL, password included. */
    public String postgresUrl() {
        return "postgresql://" + PostgresExtension.USER + ":" + PostgresExtension.PASSWORD + "@localhost:" + port + "/"
                + name;
    }

    public ConnectionSettings settings() {
        return new ConnectionSettings(jdbcUrl(), PostgresExtension.USER, Secret.of(PostgresExtension.PASSWORD), "--url",
                "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD);
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** First column of every row, as text. */
    public List<String> column(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public String value(String sql) throws SQLException {
        List<String> values = column(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Versions in Flyway's history, in the order applied. */
    public List<String> historyVersions() throws SQLException {
        return column("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success"
                + " ORDER BY installed_rank");
    }

    public List<String> tables() throws SQLException {
        return column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    }

    /**
     * The user-visible shape of the public schema, from the catalog: tables, columns with type, default
     * and nullability, indexes and constraints. Two equal fingerprints mean the same schema.
     */
    public List<String> fingerprint() throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.addAll(column("SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null='"
                + " || is_nullable || ' default=' || coalesce(column_default, '-') FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name NOT IN ('flyway_schema_history', 'db_migrate_audit')"
                + " ORDER BY table_name, column_name"));
        lines.addAll(column("SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename NOT IN ('flyway_schema_history', 'db_migrate_audit') ORDER BY indexname"));
        lines.addAll(column("SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                + " AND conrelid::regclass::text NOT IN ('flyway_schema_history', 'db_migrate_audit') ORDER BY 1"));
        return lines;
    }
}
