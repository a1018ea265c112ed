package io.dbmigrate.engine.undo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code row_security} for the rest of a transaction: off while db-migrate copies or restores rows, so a policy that
 * would hide some makes the statement fail instead (for a user it applies to), then back to what it was.
 */
final class RowSecurity {
    private RowSecurity() {
    }

    /** Switches it off; returns the value it had, for {@link #restore}. */
    static String off(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT current_setting('row_security'), set_config('row_security', 'off', true)");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Puts back what {@link #off} returned. Not after a failure: the transaction's rollback takes the setting back. */
    static void restore(Connection connection, String previous) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT set_config('row_security', ?, true)")) {
            st.setString(1, previous);
            st.execute();
        }
    }
}
