package io.dbmigrate.engine.action;

import io.dbmigrate.engine.Action;
import io.dbmigrate.engine.MigrationRequest;
import io.dbmigrate.engine.MigrationResult;
import io.dbmigrate.engine.MigrationStep;
import io.dbmigrate.engine.StepState;
import io.dbmigrate.engine.autogen.GeneratedScript;
import io.dbmigrate.engine.autogen.Names;
import io.dbmigrate.engine.autogen.SchemaDiff;
import io.dbmigrate.engine.autogen.SchemaFile;
import io.dbmigrate.engine.error.CreateFailures;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.FileHeaders;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.SchemaSnapshot;
import io.dbmigrate.engine.sql.Identifiers;
import io.dbmigrate.engine.undo.ScriptRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * {@code create --autogenerate FILE}: applies the desired schema in FILE to one scratch database,
 * brings another to head with the run's migrations, and writes the V and U scripts that turn one
 * catalog into the other. Before writing, proves them on the head copy: V must give exactly the
 * file's catalog, U exactly head's again; otherwise nothing is written. The target database is only
 * used to create the scratch databases beside it.
 */
public final class AutogenerateAction {
    private static final String SCRATCH_PREFIX = "dbm_autogen_";
    private static final String WHO = "create --autogenerate";

    private final Session session;
    private final Clock clock;
    private final MigrationRequest request;

    public AutogenerateAction(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.request = session.request();
    }

    public MigrationResult run() throws SQLException {
        CreateAction.NewScripts files;
        try {
            files = new CreateAction(request, clock).plan();
        } catch (IOException e) {
            throw new MigrationException(ErrorKind.INVALID_INPUT, RequestFailures.cannotWrite(e.getMessage()));
        }
        String shown = request.autogenerateFrom();
        String desired = readSchemaFile(shown);
        List<String> schemas = request.schemas().isEmpty() ? List.of(session.schema()) : request.schemas();
        String defaultSchema = session.schema(); // Flyway's: defaultSchema, else the first of schemas
        try (ScratchDatabase wanted = ScratchDatabase.create(session, SCRATCH_PREFIX, WHO);
             ScratchDatabase head = ScratchDatabase.create(session, SCRATCH_PREFIX, WHO)) {
            applySchemaFile(wanted, desired, defaultSchema, shown);
            String headRevision = bringToHead(head, schemas);
            CatalogModel desiredModel;
            try (Connection connection = open(wanted, defaultSchema)) {
                desiredModel = CatalogModel.read(connection, schemas);
            }
            try (Connection connection = open(head, defaultSchema)) {
                CatalogModel headModel = CatalogModel.read(connection, schemas);
                if (SchemaSnapshot.detailed(headModel).differencesTo(SchemaSnapshot.detailed(desiredModel)).isEmpty()) {
                    return Results.success(request, Messages.autogenerateNoChanges(shown), "", "", "", List.of(), 0);
                }
                Names names = new Names(defaultSchema, Names.keywords(connection));
                List<String> unsupported = SchemaDiff.unsupported(headModel, desiredModel, names);
                if (!unsupported.isEmpty()) {
                    throw new MigrationException(ErrorKind.INVALID_INPUT,
                            CreateFailures.autogenerateUnsupported(shown, unsupported));
                }
                String versionName = files.versioned().getFileName().toString();
                String undoName = files.undo().getFileName().toString();
                GeneratedScript up = SchemaDiff.between(headModel, desiredModel, names, false);
                GeneratedScript down = SchemaDiff.between(desiredModel, headModel, names, true);
                String upText = up.text(FileHeaders.autogenerateHeader(request.description(), shown, headRevision));
                String downText = down.text(FileHeaders.autogenerateUndoHeader(versionName, headRevision));

                runProof(connection, upText, versionName, shown);
                List<String> afterUp = SchemaSnapshot.detailed(CatalogModel.read(connection, schemas))
                        .differencesTo(SchemaSnapshot.detailed(desiredModel));
                if (!afterUp.isEmpty()) {
                    throw new MigrationException(ErrorKind.INVALID_INPUT,
                            CreateFailures.autogenerateDoesNotReproduce(shown, versionName, afterUp));
                }
                runProof(connection, downText, undoName, shown);
                List<String> afterDown = SchemaSnapshot.detailed(CatalogModel.read(connection, schemas))
                        .differencesTo(SchemaSnapshot.detailed(headModel));
                if (!afterDown.isEmpty()) {
                    throw new MigrationException(ErrorKind.INVALID_INPUT,
                            CreateFailures.autogenerateUndoDoesNotRestore(shown, undoName, headRevision, afterDown));
                }
                write(files, upText, downText);
                return created(files, shown, up, down);
            }
        }
    }

    private String readSchemaFile(String shown) {
        Path file = Path.of(request.workingDirectory()).resolve(shown).normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MigrationException(ErrorKind.INVALID_INPUT, CreateFailures.schemaFileUnreadable(shown, "no such file"));
        } catch (IOException e) {
            throw new MigrationException(ErrorKind.INVALID_INPUT, CreateFailures.schemaFileUnreadable(shown,
                    String.valueOf(e.getMessage())));
        }
    }

    private void applySchemaFile(ScratchDatabase wanted, String desired, String defaultSchema, String shown)
            throws SQLException {
        try (Connection connection = open(wanted, defaultSchema)) {
            SchemaFile.apply(connection, desired);
        } catch (ScriptRunner.ScriptFailure e) {
            throw new MigrationException(ErrorKind.INVALID_INPUT,
                    CreateFailures.schemaFileFailed(shown, e.sqlState(), e.line(), e.getMessage()));
        }
    }

    /** Applies the run's migrations to the scratch database, and creates the schemas Flyway would create. */
    private String bringToHead(ScratchDatabase head, List<String> schemas) throws SQLException {
        String revision = "base";
        boolean anyFolder = session.locations().folders().stream().anyMatch(Files::isDirectory);
        if (anyFolder) {
            MigrationResult result = head.migrate(Action.UPGRADE, "", "autogenerate");
            if (!result.success()) {
                throw new MigrationException(result.error(), CreateFailures.autogenerateHeadFailed(result.message()));
            }
            revision = result.currentRevision();
        }
        try (Connection connection = head.open("db-migrate " + WHO); Statement st = connection.createStatement()) {
            for (String schema : schemas) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            }
        }
        return revision;
    }

    /** A connection to a scratch database with the search_path Flyway gives a migration: the default schema. */
    private static Connection open(ScratchDatabase scratch, String defaultSchema) throws SQLException {
        Connection connection = scratch.open("db-migrate " + WHO);
        try (Statement st = connection.createStatement()) {
            st.execute("SET search_path TO " + Identifiers.quote(defaultSchema));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Runs a generated script in one transaction, as upgrade and downgrade would. */
    private static void runProof(Connection connection, String script, String scriptName, String shown)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            ScriptRunner.run(connection, script);
            connection.commit();
        } catch (ScriptRunner.ScriptFailure e) {
            connection.rollback();
            throw new MigrationException(ErrorKind.INVALID_INPUT,
                    CreateFailures.autogenerateScriptFailed(shown, scriptName, e.sqlState(), e.line(), e.getMessage()));
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void write(CreateAction.NewScripts files, String upText, String downText) {
        try {
            CreateAction.write(files, upText, downText);
        } catch (IOException e) {
            throw new MigrationException(ErrorKind.INVALID_INPUT, RequestFailures.cannotWrite(String.valueOf(e.getMessage())));
        }
    }

    private MigrationResult created(CreateAction.NewScripts files, String shown, GeneratedScript up,
                                    GeneratedScript down) {
        String versionName = files.versioned().getFileName().toString();
        String undoName = files.undo().getFileName().toString();
        List<String> warnings = new java.util.ArrayList<>();
        up.warnings().forEach(w -> warnings.add(versionName + ": " + w));
        down.warnings().forEach(w -> warnings.add(undoName + ": " + w));
        MigrationStep step = new MigrationStep(files.version(), request.description(), versionName, StepState.CREATED, 0, "",
                true);
        return Results.success(request, Messages.autogenerated(files.versioned().toString(), files.undo().toString(),
                shown, up.statements().size(), up.warnings().size()), "", "", files.version(), List.of(step), 0,
                warnings);
    }

}
