import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Test-data setup for the big `info` case only (applying 5000 migrations through Flyway takes minutes
 * here): after psql has run every V script, writes the history Flyway would have written. Flyway itself
 * creates the table (baseline, whose row is then replaced) and computes every checksum (info() of the
 * pending files); Flyway validate() at the end proves the history matches the files.
 * Usage: SeedHistory URL USER DIR   (password from PGPASSWORD)
 */
public final class SeedHistory {
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    public static void main(String[] args) throws Exception {
        FLYWAY_LOG.setLevel(Level.OFF);
        String url = args[0], user = args[1], password = System.getenv("PGPASSWORD");
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("filesystem:" + args[2])
                .baselineVersion("0").load();
        MigrationInfo[] pending = flyway.info().pending();
        flyway.baseline();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM flyway_schema_history");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO flyway_schema_history (installed_rank,"
                    + " version, description, type, script, checksum, installed_by, execution_time, success)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, true)")) {
                int rank = 0;
                for (MigrationInfo m : pending) {
                    ins.setInt(1, ++rank);
                    ins.setString(2, m.getVersion().getVersion());
                    ins.setString(3, m.getDescription());
                    ins.setString(4, m.getType().name());
                    ins.setString(5, m.getScript());
                    ins.setObject(6, m.getChecksum());
                    ins.setString(7, user);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
        }
        flyway.validate();
        System.err.println("SeedHistory: " + pending.length + " history rows written and validated");
    }
}
