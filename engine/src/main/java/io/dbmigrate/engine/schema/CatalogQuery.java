package io.dbmigrate.engine.schema;

import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How the catalog readings of this package query: the schema names as the one parameter, each row to a callback. */
final class CatalogQuery {
    /** A relation name condition that leaves out db-migrate's and Flyway's own tables. */
    static final String NOT_OURS = "NOT IN ('" + HistoryTable.NAME + "', '" + AuditLog.TABLE + "')";

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private CatalogQuery() {
    }

    /** Runs {@code sql} with {@code schemas} as its text[] parameter ({@code null}: it takes none). */
    static void forEachRow(Connection connection, String sql, String[] schemas, Row row) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            if (schemas != null) {
                st.setArray(1, connection.createArrayOf("text", schemas));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
