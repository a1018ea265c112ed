package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.autogen.DataChanges;
import io.dbmigrate.engine.autogen.GeneratedScript;
import io.dbmigrate.engine.autogen.Names;
import io.dbmigrate.engine.autogen.Renames;
import io.dbmigrate.engine.autogen.SeedRows;
import io.dbmigrate.engine.autogen.UndoDiff;
import io.dbmigrate.engine.error.CreateFailures;
import io.dbmigrate.engine.error.FileHeaders;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.schema.CatalogExtras;
import io.dbmigrate.engine.schema.CatalogIdentity;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.SchemaSnapshot;
import io.dbmigrate.engine.sql.Identifiers;
import io.dbmigrate.engine.undo.ScriptRunner;
import io.dbmigrate.engine.undo.ScriptSyntaxException;
import io.dbmigrate.engine.undo.SqlScript;
import io.dbmigrate.engine.undo.StatementRules;
import io.dbmigrate.engine.undo.UndoEnvironment;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code create --undo [VERSION…]}: writes {@code U<version>__<description>.sql} beside each V script that has none.
 * On a scratch database beside the target, for each such V in order: read the catalog, apply V with Flyway, read it
 * again; the undo is the way back (renames by identity, then {@link UndoDiff}). It is written only once proven, in a
 * transaction rolled back afterwards: the undo gives back the catalog before V exactly, and V run again gives the
 * catalog after it. A V whose effect on existing data cannot be undone for certain ({@link DataChanges}), or whose
 * undo does not prove, is listed with the reason instead. An existing undo script is never overwritten.
 */
public final class CreateUndoAction {
    private static final String WHO = "create --undo";

    private final Session session;
    private final MigrationRequest request;
    private final List<String> schemas;
    private ScratchDatabase scratch;
    private MigrationVersion scratchAt = MigrationVersion.EMPTY;
    /** The reading after the last V applied, while the scratch database is still there: the next V's "before". */
    private Reading lastAfter;
    /** The project's {@code R__} scripts: what they stand on is dropped with CASCADE ({@link RepeatableDependents}). */
    private List<MigrationInfo> repeatables = List.of();

    public CreateUndoAction(Session session) {
        this.session = session;
        this.request = session.request();
        this.schemas = request.schemas().isEmpty() ? List.of(session.schema()) : request.schemas();
    }

    /** The two readings a proof compares: the name-based model and everything it leaves out. */
    private record Catalog(CatalogModel model, CatalogExtras extras) {
        List<String> differencesTo(Catalog other) {
            List<String> lines = new ArrayList<>(SchemaSnapshot.detailed(model)
                    .differencesTo(SchemaSnapshot.detailed(other.model)));
            lines.addAll(extras.differencesTo(other.extras));
            return lines;
        }
    }

    /** A reading of the scratch database at one version: by name and by identity. */
    private record Reading(MigrationVersion version, Catalog catalog, CatalogIdentity identity) {
    }

    /** One V script's outcome: the undo text written (or that would be), or the reasons there is none. */
    private record Outcome(String undoText, boolean outsideTransaction, List<String> reasons) {
        static Outcome listed(List<String> reasons) {
            return new Outcome("", false, reasons);
        }

        static Outcome listed(String reason) {
            return listed(List.of(reason));
        }
    }

    public MigrationResult run() throws SQLException {
        session.locations().requireUsable();
        if (session.locations().folders().isEmpty()) {
            throw RequestFailures.noFilesystemLocation(request.locations());
        }
        MigrationCatalog catalog = session.catalog();
        repeatables = catalog.repeatables();
        List<MigrationInfo> onDisk = catalog.versioned().stream().filter(i -> i.getPhysicalLocation() != null
                && !i.getPhysicalLocation().isEmpty() && !i.getType().isBaseline())
                .sorted((a, b) -> a.getVersion().compareTo(b.getVersion())).toList();
        List<String> warnings = new ArrayList<>();
        List<MigrationInfo> chosen = UndoScriptFiles.choose(session, onDisk, warnings);
        if (chosen.isEmpty()) {
            return Results.success(request, Messages.undoNothingToWrite(), "", "", "", List.of(), 0, warnings);
        }
        UndoEnvironment environment = session.undoEnvironment();
        List<MigrationStep> steps = new ArrayList<>();
        int written = 0;
        try {
            scratch = ScratchDatabase.create(session, "dbm_undo_", WHO);
            for (MigrationInfo info : chosen) {
                long t0 = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = generate(info, UndoScriptFiles.previousOf(onDisk, info), environment);
                } catch (MigrationException stopped) {
                    // what was written before is proven and stays; say so
                    throw CreateFailures.undoStopped(stopped.kind(), stopped.getMessage(), written,
                            request.dryRun());
                }
                Path undoFile = UndoScriptFiles.undoFileOf(info);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                MigrationStep step;
                if (outcome.reasons().isEmpty()) {
                    if (!request.dryRun()) {
                        UndoScriptFiles.write(undoFile, outcome.undoText());
                        if (outcome.outsideTransaction()) {
                            // as its V: Flyway's own script configuration, which downgrade reads too
                            UndoScriptFiles.write(undoFile.resolveSibling(undoFile.getFileName() + ".conf"),
                                    "executeInTransaction=false\n");
                        }
                    }
                    written++;
                    step = new MigrationStep(info.getVersion().getVersion(), info.getDescription(),
                            undoFile.getFileName().toString(), request.dryRun() ? StepState.PLANNED : StepState.CREATED,
                            millis, "", true, request.dryRun() ? outcome.undoText() : "");
                } else {
                    warnings.add(Warnings.undoListed(info.getScript(), outcome.reasons()));
                    step = new MigrationStep(info.getVersion().getVersion(), info.getDescription(), info.getScript(),
                            StepState.IRREVERSIBLE, millis, "", false);
                }
                steps.add(step);
                session.progress().finished(steps.size(), chosen.size(), step);
            }
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
        return Results.success(request, Messages.undoWritten(written, chosen.size() - written, request.dryRun()), "",
                "", "", steps, 0, warnings);
    }

    private Outcome generate(MigrationInfo info, MigrationVersion previous, UndoEnvironment environment)
            throws SQLException {
        String version = info.getVersion().getVersion();
        String undoName = UndoScriptFiles.undoFileOf(info).getFileName().toString();
        if (info.getType() != CoreMigrationType.SQL) {
            migrateScratch(info.getVersion(), info.getScript());
            return Outcome.listed(Warnings.undoNotSql());
        }
        migrateScratch(previous, info.getScript());
        try (Connection connection = open()) {
            Reading beforeReading = lastAfter != null && lastAfter.version().equals(scratchAt) ? lastAfter
                    : new Reading(scratchAt, read(connection), CatalogIdentity.read(connection, schemas));
            Catalog before = beforeReading.catalog();
            CatalogIdentity beforeIds = beforeReading.identity();
            migrateScratch(info.getVersion(), info.getScript());
            Catalog after = read(connection);
            CatalogIdentity afterIds = CatalogIdentity.read(connection, schemas);
            lastAfter = new Reading(info.getVersion(), after, afterIds);
            Path file = Path.of(info.getPhysicalLocation());
            String versionSql;
            SqlScript parsed;
            try {
                versionSql = environment.apply(file.getFileName().toString(), Files.readString(file,
                        StandardCharsets.UTF_8));
                parsed = SqlScript.parse(file.getFileName().toString(), versionSql);
            } catch (IOException | ScriptSyntaxException e) {
                return Outcome.listed(Warnings.undoUnreadable(String.valueOf(e.getMessage())));
            }
            Names names = new Names(schemas.get(0), Names.keywords(connection));
            java.util.Set<String> withTriggers = new java.util.HashSet<>();
            after.extras().withPrefix(CatalogExtras.TRIGGER).keySet()
                    .forEach(k -> withTriggers.add(k.substring(0, k.lastIndexOf('.'))));
            DataChanges.Analysis data = DataChanges.analyze(parsed, beforeIds, afterIds,
                    name -> oidOf(connection, name), new SeedRows(before.model(), withTriggers, names));
            if (!data.reasons().isEmpty()) {
                return Outcome.listed(data.reasons());
            }
            List<String> renames = Renames.back(beforeIds, afterIds, names);
            Catalog renamed = renames.isEmpty() ? after : readAfterRenames(connection, renames);
            if (renamed == null) {
                return Outcome.listed(Warnings.undoScriptFailed(undoName, "-", 0, "its renames failed"));
            }
            GeneratedScript diff = UndoDiff.between(renamed.model(), renamed.extras(), before.model(),
                    before.extras(), names);
            List<String> statements = new ArrayList<>(data.undo());
            statements.addAll(renames);
            statements.addAll(diff.statements());
            List<String> cascaded = new ArrayList<>();
            statements = RepeatableDependents.cascade(connection, repeatables, environment, statements, cascaded);
            // a V marked to run outside a transaction gets an undo that drops its indexes as gently, when that is all
            boolean outside = UndoScriptFiles.markedOutsideTransaction(file) && !statements.isEmpty()
                    && statements.stream().allMatch(sql -> sql.startsWith("DROP INDEX "));
            if (outside) {
                statements = statements.stream().map(sql -> "DROP INDEX CONCURRENTLY " + sql.substring(11)).toList();
            }
            List<String> header = new ArrayList<>(FileHeaders.undoHeader(info.getScript(), version,
                    Revisions.display(previous)));
            if (outside) {
                header.set(0, FileHeaders.undoHeaderOutsideTransaction(info.getScript(), undoName));
            }
            if (!cascaded.isEmpty()) {
                header.add(FileHeaders.undoHeaderCascade());
            }
            String text = new GeneratedScript(statements, diff.warnings()).text(header);
            List<String> failed = prove(connection, text, undoName, environment, before, after, versionSql, parsed,
                    file, info, outside);
            return failed.isEmpty() ? new Outcome(text, outside, List.of()) : Outcome.listed(failed);
        }
    }

    /** The catalog after the renames of the undo, read in a transaction that is rolled back; null if they fail. */
    private Catalog readAfterRenames(Connection connection, List<String> renames) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String rename : renames) {
                st.execute(rename);
            }
            return read(connection);
        } catch (SQLException e) {
            return null;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * Runs the undo as a downgrade would and V again, comparing the catalog each time; returns why it does not prove
     * (empty when it does). In one transaction that is rolled back, so the scratch database stays after V whatever
     * happens; a V that must run outside a transaction is applied again by Flyway instead, after the undo committed.
     */
    private List<String> prove(Connection connection, String text, String undoName, UndoEnvironment environment,
                               Catalog before, Catalog after, String versionSql, SqlScript parsed, Path file,
                               MigrationInfo info, boolean undoOutside) throws SQLException {
        if (undoOutside) {
            return proveOutsideTransaction(connection, text, undoName, environment, before, after, info);
        }
        boolean versionInTransaction = inTransaction(file, parsed);
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            try {
                ScriptRunner.run(connection, environment.apply(undoName, text));
            } catch (ScriptRunner.ScriptFailure e) {
                return List.of(Warnings.undoScriptFailed(undoName, e.sqlState(), e.line(), e.getMessage()));
            }
            List<String> undoDiff = read(connection).differencesTo(before);
            if (!undoDiff.isEmpty()) {
                return List.of(Warnings.undoDoesNotRestore(undoName, undoDiff));
            }
            if (versionInTransaction) {
                try {
                    ScriptRunner.run(connection, versionSql);
                } catch (ScriptRunner.ScriptFailure e) {
                    return List.of(Warnings.undoReapplyFailed(e.sqlState(), e.line(), e.getMessage()));
                }
                List<String> redoDiff = after.differencesTo(read(connection));
                return redoDiff.isEmpty() ? List.of() : List.of(Warnings.undoReapplyDiffers(redoDiff));
            }
            connection.commit();
            committed = true;
            lastAfter = null; // V runs again by Flyway: new objects, new oids
        } finally {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        }
        return reapply(connection, after, info);
    }

    /**
     * The proof of an undo that runs outside a transaction, as downgrade runs it: statement by statement, committed;
     * then V again by Flyway. Anything but success leaves the scratch database rebuilt at V.
     */
    private List<String> proveOutsideTransaction(Connection connection, String text, String undoName,
                                                 UndoEnvironment environment, Catalog before, Catalog after,
                                                 MigrationInfo info) throws SQLException {
        lastAfter = null;
        List<String> failed;
        try {
            ScriptRunner.run(connection, environment.apply(undoName, text));
            List<String> undoDiff = read(connection).differencesTo(before);
            failed = undoDiff.isEmpty() ? List.of() : List.of(Warnings.undoDoesNotRestore(undoName, undoDiff));
        } catch (ScriptRunner.ScriptFailure e) {
            failed = List.of(Warnings.undoScriptFailed(undoName, e.sqlState(), e.line(), e.getMessage()));
        }
        if (failed.isEmpty()) {
            failed = reapply(connection, after, info);
        } else {
            rebuild(info);
        }
        return failed;
    }

    /** V again by Flyway after its undo committed: its history row goes first. Rebuilds the scratch database on failure. */
    private List<String> reapply(Connection connection, Catalog after, MigrationInfo info) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM "
                + Identifiers.quote(schemas.get(0), HistoryTable.NAME) + " WHERE version = ?")) {
            st.setString(1, info.getVersion().getVersion());
            st.executeUpdate();
        }
        MigrationResult again = scratch.migrate(Action.UPGRADE, info.getVersion().getVersion(), WHO, false);
        List<String> result = again.success() ? after.differencesTo(read(connection)) : List.of(again.message());
        if (!result.isEmpty()) {
            rebuild(info);
            return List.of(again.success() ? Warnings.undoReapplyDiffers(result) : result.get(0));
        }
        return List.of();
    }

    /** Whether Flyway runs this V in a transaction: not when its .conf says so, nor with statements that refuse one. */
    private static boolean inTransaction(Path file, SqlScript parsed) {
        return !UndoScriptFiles.markedOutsideTransaction(file)
                && parsed.statements().stream().allMatch(s -> StatementRules.outsideTransaction(s).isEmpty());
    }

    /** After a failed proof that committed: a new scratch database, at {@code info}'s version. */
    private void rebuild(MigrationInfo info) throws SQLException {
        scratch.close();
        scratch = ScratchDatabase.create(session, "dbm_undo_", WHO);
        scratchAt = MigrationVersion.EMPTY;
        lastAfter = null;
        migrateScratch(info.getVersion(), info.getScript());
    }

    /** Brings the scratch database up to {@code version} with Flyway, as upgrade would; stops the run on failure. */
    private void migrateScratch(MigrationVersion version, String script) throws SQLException {
        if (version.compareTo(scratchAt) <= 0) {
            return;
        }
        // without repeatable migrations, as verify's round trips: each undo is its V's alone
        MigrationResult result = scratch.migrate(Action.UPGRADE, version.getVersion(), WHO, false);
        if (!result.success()) {
            throw CreateFailures.undoScratchFailed(result.error(), script, result.message());
        }
        scratchAt = version;
    }

    private Catalog read(Connection connection) throws SQLException {
        return new Catalog(CatalogModel.read(connection, schemas), CatalogExtras.read(connection, schemas));
    }

    private static Optional<Long> oidOf(Connection connection, String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?)::oid")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(oid);
            }
        }
    }

    /** A connection to the scratch database with Flyway's search_path for a migration: the default schema first. */
    private Connection open() throws SQLException {
        Connection connection = scratch.open("db-migrate " + WHO);
        try (Statement st = connection.createStatement()) {
            st.execute("SET search_path TO " + Identifiers.quote(schemas.get(0)));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }


}
