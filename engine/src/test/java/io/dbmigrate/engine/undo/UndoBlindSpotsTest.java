package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ways an undo script (or the database around it) could hide what it destroys from the probe, or destroy the backups
 * themselves. Each must end in a refusal that changes nothing: the rows are all still there, the revision is kept.
 */
@ExtendWith(PostgresExtension.class)
class UndoBlindSpotsTest {
    /** A loop a user might write to clear out tenants: every schema but public, db_migrate_backup among them. */
    private static final String DROP_OTHER_SCHEMAS = "do $$ declare s text; begin for s in select nspname from"
            + " pg_namespace where nspname not in ('public', 'information_schema') and nspname not like 'pg\\_%' loop"
            + " execute format('drop schema %I cascade', s); end loop; end $$;";

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    /** V1..Vn and U1..Un, upgraded to head (as {@code settings}' user when given). */
    private Path upgraded(TestDatabase db, ConnectionSettings settings, String... vAndU) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        for (int i = 0; i < vAndU.length; i += 2) {
            Files.writeString(dir.resolve("V" + (i / 2 + 1) + "__step.sql"), vAndU[i]);
            Files.writeString(dir.resolve("U" + (i / 2 + 1) + "__step.sql"), vAndU[i + 1]);
        }
        MigrationResult up = engine.run(Requests.on(db, Action.UPGRADE, dir).revision("head").connection(settings)
                .build());
        assertThat(up.success()).as(up.message()).isTrue();
        return dir;
    }

    private MigrationResult downgrade(TestDatabase db, ConnectionSettings settings, Path dir, String revision) {
        MigrationRequest request = Requests.on(db, Action.DOWNGRADE, dir).revision(revision).connection(settings)
                .build();
        return engine.run(request);
    }

    @Test
    void shouldRefuseAScriptThatSwitchesRowCountingOff(TestDatabase db) throws Exception {
        Path dir = upgraded(db, db.settings(), "create table customers (id int primary key, email text);"
                + " insert into customers values (1, 'a@x'), (2, 'b@x');",
                "set local track_counts = off; delete from customers where id = 1;"
                        + " update customers set email = 'redacted';");
        List<String> before = db.fingerprint();

        MigrationResult down = downgrade(db, db.settings(), dir, "base");

        assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).isEqualTo("Undo script U1__step.sql switches track_counts off, so db-migrate cannot"
                + " see the rows it deletes or updates, nor back them up. Remove that setting from the script."
                + " Everything was rolled back; the database stays at revision 1.");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.column("SELECT id || ':' || email FROM customers ORDER BY id")).containsExactly("1:a@x", "2:b@x");
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldRefuseAScriptThatDropsTheBackupsItsOwnStepMade(TestDatabase db) throws Exception {
        Path dir = upgraded(db, db.settings(),
                "create table users (id int primary key);", "drop table users;",
                "create schema tenant_a; create table tenant_a.invoices (id int primary key, total int);"
                        + " insert into tenant_a.invoices values (1, 100);", DROP_OTHER_SCHEMAS);
        List<String> before = db.fingerprint();

        MigrationResult down = downgrade(db, db.settings(), dir, "1");

        assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).isEqualTo("Undo script U2__step.sql drops or changes db-migrate's backups in schema"
                + " db_migrate_backup. Leave that schema out of what it drops or empties. Everything was rolled back;"
                + " the database stays at revision 2.");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.value("SELECT total FROM tenant_a.invoices")).isEqualTo("100");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldRefuseAScriptThatDropsTheBackupsOfAnEarlierDowngrade(TestDatabase db) throws Exception {
        Path dir = upgraded(db, db.settings(),
                "create table users (id int primary key); insert into users values (7);", DROP_OTHER_SCHEMAS,
                "create table notes (id int primary key); insert into notes values (1);", "drop table notes;");
        MigrationResult first = downgrade(db, db.settings(), dir, "1");
        assertThat(first.success()).as(first.message()).isTrue();
        List<String> kept = db.backupTables();
        assertThat(kept).hasSize(1);
        List<String> before = db.fingerprint();

        MigrationResult down = downgrade(db, db.settings(), dir, "base");

        assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).isEqualTo("Undo script U1__step.sql drops or changes db-migrate's backups in schema"
                + " db_migrate_backup. Leave that schema out of what it drops or empties. Everything was rolled back;"
                + " the database stays at revision 1.");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.backupTables()).isEqualTo(kept);
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldRefuseAScriptThatEmptiesTheBackupsOfAnEarlierDowngrade(TestDatabase db) throws Exception {
        String emptyEveryTable = "do $$ declare r record; begin for r in select schemaname, tablename from pg_tables"
                + " where schemaname not in ('pg_catalog', 'information_schema') and tablename not in"
                + " ('flyway_schema_history', 'db_migrate_audit') loop"
                + " execute format('delete from %I.%I', r.schemaname, r.tablename); end loop; end $$;";
        Path dir = upgraded(db, db.settings(),
                "create table users (id int primary key); insert into users values (7);", emptyEveryTable,
                "create table notes (id int primary key); insert into notes values (1);", "drop table notes;");
        MigrationResult first = downgrade(db, db.settings(), dir, "1");
        assertThat(first.success()).as(first.message()).isTrue();
        String kept = db.backupTables().get(0);

        MigrationResult down = downgrade(db, db.settings(), dir, "base");

        assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).startsWith("Undo script U1__step.sql drops or changes db-migrate's backups");
        assertThat(db.value("SELECT count(*) FROM db_migrate_backup." + kept)).isEqualTo("1");
        assertThat(db.value("SELECT count(*) FROM users")).isEqualTo("1");
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldRefuseWhenAnEventTriggerDestroysDataOnTheBackupsOwnStatements(TestDatabase db) throws Exception {
        Path dir = upgraded(db, db.settings(),
                "create table schema_cache (k text primary key, v text); insert into schema_cache values ('a', '1');"
                        + " create function flush_cache() returns event_trigger language plpgsql as"
                        + " $$ begin delete from public.schema_cache; end $$;",
                "drop function flush_cache();",
                "create table scratch (id int primary key); insert into scratch values (1);", "drop table scratch;");
        db.execute("CREATE EVENT TRIGGER flush_cache_on_ddl ON ddl_command_end EXECUTE FUNCTION flush_cache()");
        List<String> before = db.fingerprint();

        MigrationResult down = downgrade(db, db.settings(), dir, "1");

        assertThat(down.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(down.message()).isEqualTo("Backing up what U2__step.sql destroys destroyed data itself"
                + " (public.schema_cache): an enabled event trigger ran on db-migrate's backup statements. Disable it"
                + " for the downgrade (ALTER EVENT TRIGGER ... DISABLE), or downgrade with --no-backup. Everything was"
                + " rolled back; the database stays at revision 2.");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.value("SELECT v FROM schema_cache")).isEqualTo("1");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldProbeEveryScriptAfterOneThatCreatesAnEventTrigger(TestDatabase db) throws Exception {
        // U3 brings back an event trigger that empties a cache on any DDL; U2 is a rename, on the closed list
        Path dir = upgraded(db, db.settings(),
                "create table users (id int primary key, nm text); create table schema_cache (k text primary key,"
                        + " v text); insert into schema_cache values ('a', '1'); create function flush_cache()"
                        + " returns event_trigger language plpgsql as $$ begin delete from public.schema_cache; end $$;",
                "drop table users; drop table schema_cache; drop function flush_cache();",
                "alter table users rename column nm to name;", "alter table users rename column name to nm;",
                "select 1;", "create event trigger flush_cache_on_ddl on ddl_command_end execute function"
                        + " flush_cache();");
        List<String> before = db.fingerprint();

        MigrationResult down = downgrade(db, db.settings(), dir, "1");

        // the rename fires the new trigger, which empties the cache: seen, and refused as the backups' own DDL fires it
        assertThat(down.success()).as(down.message()).isFalse();
        assertThat(down.message()).contains("(public.schema_cache)");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.value("SELECT v FROM schema_cache")).isEqualTo("1");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRefuseToKeepOnlyTheRowsARowSecurityPolicyShows(TestDatabase db) throws Exception {
        String role = "dbm_rls_owner_" + db.name().replaceAll("[^a-z0-9_]", "");
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'rls-pw'; GRANT CREATE ON DATABASE " + db.name() + " TO "
                + role + "; GRANT ALL ON SCHEMA public TO " + role);
        ConnectionSettings owner = new ConnectionSettings(db.jdbcUrl(), role, Secret.of("rls-pw"), "--url", "");
        try {
            Path dir = upgraded(db, owner, "create table notes (id int primary key, tenant text not null, body text);"
                    + " alter table notes enable row level security; alter table notes force row level security;"
                    + " create policy tenant_isolation on notes using (tenant = current_setting('app.tenant', true));",
                    "truncate notes;");
            db.execute("INSERT INTO notes VALUES (1, 'a', 'n1'), (2, 'b', 'n2'), (3, 'b', 'n3')");
            List<String> before = db.fingerprint();

            MigrationResult down = downgrade(db, owner, dir, "base");

            assertThat(down.error()).isEqualTo(ErrorKind.SQL_ERROR);
            assertThat(down.message()).isEqualTo("Backing up what U1__step.sql drops failed: SQL state 42501: query"
                    + " would be affected by row-level security policy for table \"notes\". Everything was rolled back;"
                    + " the database stays at revision 1.");
            assertThat(db.fingerprint()).isEqualTo(before);
            assertThat(db.value("SELECT count(*) FROM notes")).isEqualTo("3");
            assertThat(db.historyVersions()).containsExactly("1");
        } finally {
            db.execute("DROP OWNED BY " + role + " CASCADE; DROP ROLE " + role);
        }
    }
}
