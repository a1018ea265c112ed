package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the probe keeps besides table rows, what it records, and when it refuses or stops. */
@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class UndoProbeTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private Path atOne(TestDatabase db, String v1, String u1) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V1__one.sql"), v1);
        Files.writeString(dir.resolve("U1__one.sql"), u1);
        MigrationResult up = engine.run(Requests.of(db, Action.UPGRADE, "head", dir));
        assertThat(up.success()).as(up.message()).isTrue();
        return dir;
    }

    private MigrationResult downgrade(TestDatabase db, Path dir) {
        return engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("base").actor("ann@ci").build());
    }

    @Test
    void shouldKeepASequencesValueAndAViewsDefinition(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create sequence invoice_no start 1000; select nextval('invoice_no'), nextval('invoice_no');"
                        + " create table t (id int primary key); create view big_ids as select id from t where id > 10;"
                        + " create materialized view id_count as select count(*) from t;",
                "drop materialized view id_count; drop view big_ids; drop table t; drop sequence invoice_no;");

        MigrationResult result = downgrade(db, dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.backups()).extracting(BackupTable::kind, BackupTable::source, BackupTable::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BackupTable.Kind.SEQUENCE, "public.invoice_no", 1L),
                org.assertj.core.groups.Tuple.tuple(BackupTable.Kind.VIEW, "public.big_ids", 0L),
                org.assertj.core.groups.Tuple.tuple(BackupTable.Kind.VIEW, "public.id_count", 0L));
        assertThat(db.value("SELECT last_value || ':' || is_called FROM " + result.backups().get(0).table()))
                .isEqualTo("1001:true");
        // the kept definitions re-create both views once their table is back (the text itself varies by server version)
        List<String> definitions = db.column("SELECT definition FROM db_migrate_backup.backup_catalog WHERE kind = 'VIEW'"
                + " ORDER BY id");
        db.execute("CREATE TABLE t (id int PRIMARY KEY); CREATE VIEW big_ids AS " + definitions.get(0)
                + " CREATE MATERIALIZED VIEW id_count AS " + definitions.get(1));
        assertThat(db.column("SELECT pg_get_viewdef(v::regclass, true) FROM unnest(ARRAY['big_ids', 'id_count']) v"))
                .containsExactlyElementsOf(definitions);
        assertThat(definitions.get(0)).contains("FROM t", "> 10");
    }

    @Test
    void shouldRecordEachBackupInTheCatalogWithItsSourceVersionRowsAndActor(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create table people (id int primary key, name text, nick text);"
                + " insert into people values (1, 'Ann', 'a'), (2, 'Bob', 'b');", "alter table people drop column nick;"
                + " drop table people;");

        MigrationResult result = downgrade(db, dir);

        assertThat(result.backups()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BackupTable.Kind.TABLE);
            assertThat(b.table()).matches("db_migrate_backup\\.v1_people_[0-9a-f]{8}");
        });
        assertThat(db.column("SELECT concat_ws(' | ', backup_table, kind, source_schema, source_object, source_columns,"
                + " key_columns, migration_version, row_count, actor, created_at > now() - interval '1 minute')"
                + " FROM db_migrate_backup.backup_catalog")).containsExactly(result.backups().get(0).table()
                + " | TABLE | public | people | {} | {id} | 1 | 2 | ann@ci | t");
        assertThat(db.column("SELECT id || name || nick FROM " + result.backups().get(0).table() + " ORDER BY id"))
                .containsExactly("1Anna", "2Bobb");
    }

    @Test
    void shouldRefuseWhenTheScriptDestroysMoreWhenRunThanWhenProbed(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create sequence runs; create table a (id int primary key); create table b (id int primary key);"
                + " insert into a values (1); insert into b values (2);",
                "drop table a;\ndo $$ begin if nextval('runs') > 1 then drop table b; end if; end $$;\n");
        List<String> before = db.fingerprint();

        MigrationResult result = downgrade(db, dir);

        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).isEqualTo("Undo script U1__one.sql destroyed more when it ran than when db-migrate"
                + " probed it (public.b), so not all of it was backed up. Its effect must not depend on time, chance or"
                + " earlier runs. Everything was rolled back; the database stays at revision 1.");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.historyVersions()).containsExactly("1");
        assertThat(db.backupTables()).isEmpty();
    }

    @Test
    void shouldProbeEvenHarmlessStatementsWhenAnEventTriggerCouldRunAnyCode(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create table precious (id int primary key); insert into precious values (1), (2);"
                + " create table t (id int primary key, v text);", "create index t_v on t (v);");
        db.execute("CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF to_regclass('public.precious') IS NOT NULL THEN DROP TABLE precious; END IF; END $$;"
                + " CREATE EVENT TRIGGER on_ddl ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION on_ddl()");

        MigrationResult result = downgrade(db, dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.backups()).extracting(BackupTable::source, BackupTable::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.precious", 2L));
    }

    @Test
    void shouldRefuseWhenTheServerCannotSeeDeletedRows(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create table t (id int primary key); insert into t values (1);", "delete from t;");
        db.execute("ALTER DATABASE " + db.name() + " SET track_counts = off");

        MigrationResult result = downgrade(db, dir);

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Cannot back up what undo scripts destroy: track_counts is off on this"
                + " server, so rows that a script deletes or updates cannot be seen. Turn track_counts on (PostgreSQL's"
                + " default; autovacuum needs it), or downgrade with --no-backup. Nothing was changed.");
        assertThat(db.historyVersions()).containsExactly("1");
        assertThat(db.value("SELECT count(*) FROM t")).isEqualTo("1");
    }

    @Test
    void shouldRunAScriptThatDestroysNothingOnceAndKeepNothing(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create sequence calls; create table t (id int primary key); insert into t values (1);",
                "insert into t values (2);\nselect nextval('calls');\n");

        MigrationResult result = downgrade(db, dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.backups()).isEmpty();
        assertThat(db.value("SELECT last_value FROM calls")).isEqualTo("1");
        assertThat(db.column("SELECT id FROM t ORDER BY id")).containsExactly("1", "2");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'db_migrate_backup'")).isEqualTo("0");
    }

    @Test
    void shouldListInADryRunWhatWouldBeBackedUpAndChangeNothing(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create type mood as enum ('happy', 'sad'); create table person (id int primary key, m mood);"
                + " insert into person values (1, 'happy'), (2, 'sad');", "drop type mood cascade;");
        List<String> before = db.fingerprint();

        MigrationResult result = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("base").dryRun(true).build());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).containsExactly(
                "Would back up before U1__one.sql destroys it: public.person.m (2 row(s))");
        assertThat(result.backups()).isEmpty();
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.historyVersions()).containsExactly("1");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'db_migrate_backup'")).isEqualTo("0");
    }

    @Test
    void shouldStopWhenAStatementEndsTheTransactionItRunsIn(TestDatabase db) throws Exception {
        // undo scripts are refused before this can happen; the runner checks the server's word all the same
        db.execute("CREATE TABLE t (id int)");
        try (java.sql.Connection c = db.connect()) {
            c.setAutoCommit(false);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScriptRunner.run(c,
                            "insert into t values (1);\ncommit;\ninsert into t values (2);"))
                    .isInstanceOfSatisfying(ScriptRunner.ScriptFailure.class, f -> {
                        assertThat(f.endedTransaction()).isTrue();
                        assertThat(f.line()).isEqualTo(2);
                    });
            c.rollback();
        }
        assertThat(db.column("SELECT id FROM t")).containsExactly("1");
    }

    @Test
    void shouldRunNothingInADryRunWithoutBackupsAndNotCopyEmptyTables(TestDatabase db) throws Exception {
        Path dir = atOne(db, "create sequence calls; create table empty_one (id int primary key);",
                "select nextval('calls');\ndrop table empty_one;\n");

        MigrationResult dryRun = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("base").dryRun(true)
                .backups(false).build());
        MigrationResult probedDryRun = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("base").dryRun(true)
                .build());
        String afterProbe = db.value("SELECT last_value || ':' || is_called FROM calls");
        MigrationResult downgrade = downgrade(db, dir);

        assertThat(dryRun.warnings()).containsExactly("DS102 U1__one.sql:2: Dropping table empty_one");
        assertThat(probedDryRun.warnings()).containsExactly("DS102 U1__one.sql:2: Dropping table empty_one");
        // only the dry run with backups ran the script: probed, then run again after finding a dropped table
        assertThat(afterProbe).isEqualTo("2:true");
        assertThat(downgrade.success()).as(downgrade.message()).isTrue();
        assertThat(downgrade.backups()).isEmpty();
    }
}
