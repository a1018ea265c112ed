package io.dbmigrate.engine.info;

import io.dbmigrate.engine.sql.Identifiers;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One row of {@code flyway_schema_history}, read as Flyway's JdbcTableSchemaHistory reads it. */
record AppliedRow(int installedRank, MigrationVersion version, String description, CoreMigrationType type,
                  String script, Integer checksum, Timestamp installedOn, String installedBy, int executionTime,
                  boolean success) {

    /** The row types Flyway's own BaseAppliedMigration reads; any other needs a plugin of Flyway's. */
    private static final Set<String> CORE_TYPES = Set.of("SQL", "BASELINE", "DELETE", "SCHEMA");

    /** Every row in rank order, or empty when a row has a type only Flyway's plugins read. */
    static Optional<List<AppliedRow>> readAll(Connection connection, String schema, String table) throws SQLException {
        String sql = "SELECT installed_rank, version, description, type, script, checksum, installed_on, installed_by,"
                + " execution_time, success FROM " + Identifiers.quote(schema, table)
                + " ORDER BY installed_rank";
        List<AppliedRow> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String type = rs.getString("type");
                if (!CORE_TYPES.contains(type)) {
                    return Optional.empty();
                }
                Integer checksum = rs.getInt("checksum");
                if (rs.wasNull()) {
                    checksum = null;
                }
                String version = rs.getString("version");
                rows.add(new AppliedRow(rs.getInt("installed_rank"),
                        version == null ? null : MigrationVersion.fromVersion(version), rs.getString("description"),
                        CoreMigrationType.valueOf(type), rs.getString("script"), checksum,
                        rs.getTimestamp("installed_on"), rs.getString("installed_by"), rs.getInt("execution_time"),
                        rs.getBoolean("success")));
            }
        }
        return Optional.of(rows);
    }
}
