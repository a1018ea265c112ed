package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.ProgressListener;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Database;
import io.dbmigrate.engine.connection.ErrorTranslator;
import io.dbmigrate.engine.error.DatabaseFailures;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.info.HistoryInfo;
import io.dbmigrate.engine.info.InfoSettings;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.revision.RevisionExpression;
import io.dbmigrate.engine.revision.RevisionResolver;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.ScriptLocations;
import io.dbmigrate.engine.undo.UndoEnvironment;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every action of one run shares: the request, our own connection (also the one that holds the
 * run lock), the schema that holds the history, the locations, and a way to configure Flyway alike
 * each time.
 */
public final class Session implements AutoCloseable {
    private final MigrationRequest request;
    private final ConnectionSettings settings;
    private final ErrorTranslator errors;
    private final ScriptLocations locations;
    private final ProgressListener progress;
    private final Connection connection;
    private final String schema;
    /** Flyway sees only versioned migrations (verify's scratch runs). */
    private final boolean repeatablesHidden;
    /** Reads the catalog without Flyway where the locations allow it (folders only); null: Flyway reads it. */
    private final HistoryInfo.Reader history;
    private boolean runLocked;

    private Session(MigrationRequest request, ProgressListener progress, Connection connection, String schema,
                    boolean repeatablesHidden, Folders folders) {
        this.request = request;
        this.settings = request.connection();
        this.errors = new ErrorTranslator(settings);
        this.locations = folders.locations();
        this.progress = progress;
        this.connection = connection;
        this.schema = schema;
        this.repeatablesHidden = repeatablesHidden;
        this.history = folders.history();
    }

    /** The locations and their reader of one session, made before it connects so that reading can start at once. */
    private record Folders(ScriptLocations locations, HistoryInfo.Reader history) {
        static Folders of(MigrationRequest request, boolean repeatablesHidden) {
            ScriptLocations locations = new ScriptLocations(request.locations(), request.workingDirectory());
            HistoryInfo.Reader history = locations.onlyFolders() ? new HistoryInfo.Reader(locations.distinctFolders(),
                    InfoSettings.of(request.flywaySettings().properties(), request.outOfOrder(), repeatablesHidden))
                    : null;
            return new Folders(locations, history);
        }

        /**
         * Lists the folders (the checks, the undo scripts) and reads the scripts (the history's view) on two threads
         * of their own while the session connects: a cold JVM spends as long on each as on connecting, and at
         * thousands of scripts longer. Both readings are kept for the run, so whoever asks first does the work and
         * the other waits for it; a reading that fails here is not kept, and fails again, with its message, where the
         * run asks for it.
         */
        void readAhead() {
            start(locations::requireUsable, "db-migrate-list-ahead");
            if (history != null) {
                start(history::scan, "db-migrate-read-ahead");
            }
        }

        private static void start(Runnable reading, String name) {
            Thread reader = new Thread(() -> {
                try {
                    reading.run();
                } catch (RuntimeException ignored) {
                    // the run's own call repeats it and reports it
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }
    }

    public static Session open(MigrationRequest request, ProgressListener progress) {
        return open(request, progress, false);
    }

    /**
     * With {@code repeatablesHidden}, Flyway sees only versioned migrations: verify proves each version's round trip
     * on its own, where a repeatable one (run after every upgrade, at any target) may not work yet.
     */
    static Session open(MigrationRequest request, ProgressListener progress, boolean repeatablesHidden) {
        if (request.connection() == null) {
            throw DatabaseFailures.noUrl();
        }
        Folders folders = Folders.of(request, repeatablesHidden);
        folders.readAhead();
        Connection connection = Database.open(request.connection(), applicationName(request));
        try {
            // Flyway's order: defaultSchema, else the first of schemas, else the connection's
            String schema = !request.flywaySettings().defaultSchema().isEmpty()
                    ? request.flywaySettings().defaultSchema()
                    : request.schemas().isEmpty() ? HistoryTable.currentSchema(connection) : request.schemas().get(0);
            return new Session(request, progress, connection, schema, repeatablesHidden, folders);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ErrorTranslator(request.connection()).translate(e);
        }
    }

    /** Shown in pg_stat_activity, so a LOCKED message can say who holds the lock. */
    private static String applicationName(MigrationRequest request) {
        return "db-migrate " + request.action().id() + " by " + request.actor();
    }

    public MigrationRequest request() {
        return request;
    }

    public ErrorTranslator errors() {
        return errors;
    }

    public ScriptLocations locations() {
        return locations;
    }

    public ProgressListener progress() {
        return progress;
    }

    public Connection connection() {
        return connection;
    }

    public String schema() {
        return schema;
    }

    public AuditLog audit() {
        return new AuditLog(connection, schema);
    }

    /** Serializes db-migrate runs on this history table; released when the session closes. */
    public void lockRun() throws SQLException {
        MigrationLock.acquireSession(connection, MigrationLock.runKey(schema, HistoryTable.NAME),
                request.lockTimeoutSeconds());
        runLocked = true;
    }

    public boolean historyExists() throws SQLException {
        return HistoryTable.tableExists(connection, schema, HistoryTable.NAME);
    }

    /**
     * Flyway configured for this run: the project's Flyway settings (placeholders, ...), then the same locations,
     * schemas, class loader and connection settings.
     */
    public FluentConfiguration flywayConfig() {
        FluentConfiguration config = Flyway.configure(Session.class.getClassLoader());
        if (!request.flywaySettings().properties().isEmpty()) {
            // first, so that this run's own settings below win
            config.configuration(request.flywaySettings().properties());
        }
        config.dataSource(settings.jdbcUrl(), emptyToNull(settings.user()), emptyToNull(settings.password().reveal()))
                .jdbcProperties(Database.jdbcProperties(applicationName(request) + " (flyway)"))
                .locations(locations.forFlyway())
                .cleanDisabled(true)
                .lockRetryCount(request.lockTimeoutSeconds());
        if (request.atomic()) {
            // one transaction for every pending migration: a failure leaves the starting revision
            config.group(true);
        }
        if (request.outOfOrder()) {
            config.outOfOrder(true);
        }
        if (repeatablesHidden) {
            // no file name starts with a slash, so no R__ file is read as a migration (nor as anything else)
            config.repeatableSqlMigrationPrefix("/");
        }
        if (!request.schemas().isEmpty()) {
            config.schemas(request.schemas().toArray(String[]::new));
        }
        // Session-level lock: Flyway's default transactional lock leaves its connection "idle in
        // transaction", and CREATE INDEX CONCURRENTLY then waits for it forever.
        config.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return config;
    }

    /**
     * The prologue of upgrade and downgrade: the locations must exist, the run lock is taken (not for a
     * dry run, which changes nothing), then Flyway's view is read under it.
     */
    public MigrationCatalog lockAndRead() throws SQLException {
        lockForRun();
        return catalog();
    }

    private void lockForRun() throws SQLException {
        locations.requireUsable();
        if (!request.dryRun()) {
            lockRun();
        }
    }

    /** Resolves the run's target against the catalog. */
    public MigrationVersion resolveTarget(MigrationCatalog catalog, RevisionExpression expression) throws SQLException {
        return new RevisionResolver(catalog.knownVersions(), catalog.current(), previousRevision()).resolve(expression);
    }

    /**
     * What undo scripts see, as Flyway's migrations do: its placeholders, with the built-ins computed from this
     * connection (the history's schema as defaultSchema, current_user, current_database()).
     */
    public UndoEnvironment undoEnvironment() throws SQLException {
        Map<String, String> builtIns = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
            rs.next();
            builtIns.put("user", rs.getString(1));
            builtIns.put("database", rs.getString(2));
        }
        builtIns.put("defaultSchema", schema);
        builtIns.put("timestamp", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        builtIns.put("workingDirectory", request.workingDirectory());
        builtIns.put("table", HistoryTable.NAME);
        return UndoEnvironment.of(request.flywaySettings().properties(), builtIns);
    }

    /**
     * Reads Flyway's view of the migrations and the current revision, without starting Flyway where the locations
     * are folders whose scripts need nothing more of Flyway (HistoryInfo); else Flyway's own {@code info()}.
     */
    public MigrationCatalog catalog() throws SQLException {
        boolean exists = historyExists();
        if (history != null) {
            Optional<HistoryInfo> read = history.read(connection, schema, HistoryTable.NAME, exists);
            if (read.isPresent()) {
                return MigrationCatalog.of(exists, read.get().all().toArray(MigrationInfo[]::new),
                        exists ? read.get().current() : null);
            }
        }
        return flywayCatalog(exists);
    }

    /** Flyway's own {@code info()}: for what HistoryInfo does not cover (classpath: locations, callbacks, ...). */
    private MigrationCatalog flywayCatalog(boolean exists) {
        MigrationInfoService info = flywayConfig().load().info();
        return MigrationCatalog.of(exists, info.all(), exists ? info.current() : null);
    }

    /** The current revision, read again (after a failure, to say where the database stays). */
    public String currentRevisionNow() {
        try {
            return catalog().currentRevision();
        } catch (RuntimeException | SQLException e) {
            return "unknown";
        }
    }

    public Optional<MigrationVersion> previousRevision() throws SQLException {
        return audit().previousRevision().map(r -> r.equals(Revisions.BASE) ? MigrationVersion.EMPTY
                : MigrationVersion.fromVersion(r));
    }

    @Override
    public void close() {
        if (runLocked) {
            try {
                MigrationLock.releaseSession(connection, MigrationLock.runKey(schema, HistoryTable.NAME));
            } catch (SQLException ignored) {
                // closing the connection below releases a session lock as well
            }
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do with a connection that cannot close
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
