import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a throw-away PostgreSQL from the embedded binaries inside db-migrate.jar, prints its port on
 * stdout, and stops it (deleting its data) when stdin closes. Used by bench/run.sh only.
 * Usage: BenchServer [name=value]...   (extra server settings)
 */
public final class BenchServer {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "localhost")
                // psql -1 and db-migrate's downgrade touch every table of a set in one transaction
                .setServerConfig("max_locks_per_transaction", "4096");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            builder.setServerConfig(arg.substring(0, eq), arg.substring(eq + 1));
        }
        try (EmbeddedPostgres pg = builder.start()) {
            System.out.println(pg.getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for EOF
            }
        }
    }
}
