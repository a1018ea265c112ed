package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ScriptFailures;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * An undo script read and checked before anything runs. Refused up front: a statement that controls the transaction
 * (BEGIN, COMMIT, ROLLBACK, SAVEPOINT...: the downgrade is one transaction), and a statement PostgreSQL will not run
 * inside a transaction, unless the script is marked to run outside one, as Flyway marks a migration: a file beside it
 * named {@code <script>.conf} with {@code executeInTransaction=false}. Placeholders are replaced first, as Flyway
 * replaces them in the migration the script reverses ({@link UndoEnvironment}).
 */
public record UndoScript(String name, String sql, SqlScript parsed, boolean executeInTransaction) {
    private static final String OUTSIDE_TRANSACTION_KEY = "executeInTransaction";
    private static final String ENCODING_KEY = "encoding";

    /** Reads the script with {@code environment}'s placeholders replaced, as Flyway reads a migration. */
    public static UndoScript read(Path file, UndoEnvironment environment) {
        String name = file.getFileName().toString();
        Properties conf = scriptConfig(file);
        String sql = environment.apply(name, readText(file, encoding(file, conf, environment.encoding())));
        SqlScript parsed;
        try {
            parsed = SqlScript.parse(name, sql);
        } catch (ScriptSyntaxException e) {
            throw ScriptFailures.cannotParse(name, e.getMessage());
        }
        // Flyway reads the .conf too (and refuses an executeInTransaction that is not true or false) before we get here
        boolean inTransaction = !conf.getProperty(OUTSIDE_TRANSACTION_KEY, "true").trim().equalsIgnoreCase("false");
        for (SqlScript.Statement statement : parsed.statements()) {
            Optional<String> control = StatementRules.transactionControl(statement);
            if (control.isPresent()) {
                throw ScriptFailures.transactionControlInUndo(name, statement.line(), control.get());
            }
            Optional<String> outside = StatementRules.outsideTransaction(statement);
            if (outside.isPresent() && inTransaction) {
                throw ScriptFailures.outsideTransactionInUndo(name, statement.line(), outside.get());
            }
        }
        return new UndoScript(name, sql, parsed, inTransaction);
    }

    /** A script of db-migrate's own, called {@code name} in messages. */
    static UndoScript own(String name, String sql) {
        try {
            return new UndoScript(name, sql, SqlScript.parse(name, sql), true);
        } catch (ScriptSyntaxException e) {
            throw new IllegalArgumentException(sql, e);
        }
    }

    /** Whether every statement is on the closed list of those that cannot destroy data: then no probe is needed. */
    public boolean provablyHarmless() {
        return parsed.statements().stream().allMatch(StatementRules::harmless);
    }

    /**
     * For a script that runs outside the transaction, and so cannot be probed: the first statement that might destroy
     * data (neither harmless nor one of the statements that need to run outside a transaction).
     */
    public Optional<SqlScript.Statement> firstUnprobeable() {
        return parsed.statements().stream()
                .filter(s -> !StatementRules.harmless(s) && StatementRules.outsideTransaction(s).isEmpty()).findFirst();
    }

    /** The script's own Flyway settings: {@code <script>.conf} beside it, as Flyway's SqlScriptMetadata reads it. */
    private static Properties scriptConfig(Path file) {
        Properties properties = new Properties();
        Path conf = file.resolveSibling(file.getFileName() + ".conf");
        if (Files.isRegularFile(conf)) {
            try (var reader = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw ScriptFailures.scriptUnreadable(conf.toString(),
                        e.getClass().getSimpleName());
            }
        }
        return properties;
    }

    /** The script's {@code encoding} if its .conf names one, else the run's (Flyway's {@code encoding}, UTF-8). */
    private static Charset encoding(Path file, Properties conf, Charset runEncoding) {
        String name = conf.getProperty(ENCODING_KEY, "").trim();
        if (name.isEmpty()) {
            return runEncoding;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw ScriptFailures.scriptUnreadable(file.toString(),
                    ScriptFailures.unknownEncoding(name));
        }
    }

    private static String readText(Path file, Charset encoding) {
        try {
            return Files.readString(file, encoding);
        } catch (IOException e) {
            throw ScriptFailures.scriptUnreadable(file.toString(),
                    e.getClass().getSimpleName());
        }
    }
}
