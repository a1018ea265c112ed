import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The JVM floor (issue 13): the least any JVM tool can do for `current`. One JDBC connection, one query on the
 * history table, the answer printed. Run by bench/run.sh with only the PostgreSQL driver on the class path.
 * Usage: Floor URL USER   (password from PGPASSWORD)
 */
public final class Floor {
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], System.getenv("PGPASSWORD"));
             Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history"
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            System.out.println(rs.next() ? rs.getString(1) : "base");
        }
    }
}
