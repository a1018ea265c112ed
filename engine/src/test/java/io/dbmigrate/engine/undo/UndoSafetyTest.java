package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise: a downgrade loses no data, whatever its undo script looks like. Each case is a V1 that creates objects
 * and fills them, and a U1 of a shape a user might write; after {@code downgrade base}, every value that is gone from
 * any table of any schema must be in the backups (compared by content, by key for dropped columns). None of these
 * shapes is special-cased by the code: what a script destroys is read from the catalog.
 */
@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class UndoSafetyTest {
    private static final String LONG = "a_table_name_that_is_long_enough_to_share_sixty_characters_";
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    record Shape(String name, String v1, String u1, List<String> schemas) {
        Shape(String name, String v1, String u1) {
            this(name, v1, u1, List.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("two tables in one DROP",
                        "create table a (id int primary key, v text); create table b (id int primary key, v text);"
                                + " insert into a values (1, 'a1'), (2, 'a2'); insert into b values (1, 'b1');",
                        "drop table a, b;"),
                new Shape("a drop in dynamic SQL inside DO",
                        "create table d (id int primary key, v text); insert into d values (1, 'd1'), (2, 'd2');",
                        "do $$ begin execute format('drop table %I', 'd'); end $$;"),
                new Shape("a table in a schema the migrations do not manage",
                        "create schema other; create table other.keep (id int primary key, v text);"
                                + " insert into other.keep values (1, 'kept');",
                        "drop table other.keep;"),
                new Shape("DROP TYPE CASCADE takes a column with it",
                        "create type mood as enum ('happy', 'sad'); create table person (id int primary key, name text,"
                                + " m mood); insert into person values (1, 'ann', 'happy'), (2, 'bob', 'sad');",
                        "drop type mood cascade;"),
                new Shape("two tables whose names share 60 characters",
                        "create table " + LONG + "201 (id int primary key, v text); create table " + LONG
                                + "202 (id int primary key, v text); insert into " + LONG + "201 values (1, 'x');"
                                + " insert into " + LONG + "202 values (2, 'y');",
                        "drop table " + LONG + "201; drop table " + LONG + "202;"),
                new Shape("one table name in two schemas",
                        "create schema s1; create schema s2; create table s1.t (id int primary key, v text);"
                                + " create table s2.t (id int primary key, v text); insert into s1.t values (1, 'one');"
                                + " insert into s2.t values (2, 'two');",
                        "drop table s1.t; drop table s2.t; drop schema s1; drop schema s2;"),
                new Shape("a DELETE that cascades through foreign keys",
                        "create table parent (id int primary key); create table child (id int primary key,"
                                + " parent_id int references parent on delete cascade, v text);"
                                + " insert into parent values (1), (2); insert into child values (10, 1, 'c10'), (20, 2, 'c20');",
                        "delete from parent where id = 1;"),
                new Shape("DROP SCHEMA CASCADE",
                        "create schema app; create table app.orders (id int primary key, total int);"
                                + " create table app.lines (id int, note text); insert into app.orders values (1, 5);"
                                + " insert into app.lines values (1, 'no key here');",
                        "drop schema app cascade;"),
                new Shape("DROP COLUMN among other actions of one ALTER TABLE",
                        "create table items (id int primary key, a text, b text, c text);"
                                + " insert into items values (1, 'a1', 'b1', 'c1'), (2, 'a2', 'b2', 'c2');",
                        "alter table items add column z int, drop column a, alter column c set default 'x', drop column b;"),
                new Shape("a function called from the undo script drops a table",
                        "create table victim (id int primary key, v text); insert into victim values (1, 'v');"
                                + " create function cleanup() returns void language plpgsql as $$ begin drop table victim;"
                                + " end $$;",
                        "select cleanup(); drop function cleanup();"),
                new Shape("a partitioned table with its partitions",
                        "create table m (id int, day date, v text) partition by range (day);"
                                + " create table m_2025 partition of m for values from ('2025-01-01') to ('2026-01-01');"
                                + " create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01');"
                                + " insert into m values (1, '2025-05-01', 'old'), (2, '2026-05-01', 'new');",
                        "drop table m;"),
                new Shape("one partition detached and dropped",
                        "create table p (id int, day date, v text) partition by range (day);"
                                + " create table p_2025 partition of p for values from ('2025-01-01') to ('2026-01-01');"
                                + " create table p_2026 partition of p for values from ('2026-01-01') to ('2027-01-01');"
                                + " insert into p values (1, '2025-05-01', 'old'), (2, '2026-05-01', 'new');",
                        "alter table p detach partition p_2025; drop table p_2025;"),
                new Shape("ALTER COLUMN TYPE that truncates values",
                        "create table codes (id int primary key, code text); insert into codes values (1, 'abcdef');",
                        "alter table codes alter column code type varchar(3) using left(code, 3);"),
                new Shape("TRUNCATE",
                        "create table log (id int primary key, line text); insert into log values (1, 'l1'), (2, 'l2');",
                        "truncate log;"),
                new Shape("an UPDATE that overwrites values",
                        "create table tasks (id int primary key, status text); insert into tasks values (1, 'blocked'),"
                                + " (2, 'done');",
                        "update tasks set status = 'todo' where status = 'blocked';"),
                new Shape("a rename, then a drop under the new name",
                        "create table users (id int primary key, email text); insert into users values (1, 'a@b');",
                        "alter table users rename to old_users; drop table old_users;"),
                new Shape("quoted names with capitals and spaces",
                        "create table \"Order Lines\" (\"Id\" int primary key, \"Note Text\" text);"
                                + " insert into \"Order Lines\" values (1, 'n1');",
                        "alter table \"Order Lines\" drop column \"Note Text\"; drop table \"Order Lines\";"),
                new Shape("a column dropped by EXECUTE in a DO block",
                        "create table prefs (id int primary key, theme text); insert into prefs values (1, 'dark');",
                        "do $body$ begin execute 'alter table prefs drop column ' || 'theme'; end $body$;"),
                new Shape("DROP OWNED BY a role that owns tables",
                        "create table owned_by_other (id int primary key, v text); insert into owned_by_other values (1, 'o');"
                                + " alter table owned_by_other owner to dbm_safety_owner;",
                        "drop owned by dbm_safety_owner;"),
                new Shape("a column dropped from a table without a primary key",
                        "create table nokey (a text, b text); insert into nokey values ('a1', 'b1'), ('a2', 'b2');",
                        "alter table nokey drop column b;"),
                new Shape("a deferred constraint trigger that deletes at commit",
                        "create table orders (id int primary key, note text); create table order_lines (id int primary"
                                + " key, order_id int, item text); insert into orders values (1, 'o1'), (2, 'o2');"
                                + " insert into order_lines values (10, 1, 'l10'), (11, 1, 'l11'), (20, 2, 'l20');"
                                + " create function purge_orphans() returns trigger language plpgsql as $$ begin"
                                + " delete from order_lines l where not exists (select 1 from orders o where"
                                + " o.id = l.order_id); return null; end $$; create constraint trigger orders_purge"
                                + " after delete on orders deferrable initially deferred for each row execute function"
                                + " purge_orphans();",
                        "delete from orders where id = 1;"),
                new Shape("an index whose expression calls a function that deletes",
                        "create table accounts (id int primary key, name text); create table sessions (id int primary"
                                + " key, account_id int, token text); insert into accounts values (1, 'Ann'), (2, 'Bob');"
                                + " insert into sessions values (1, 1, 't1'), (2, 2, 't2');"
                                + " create function expire(acc int) returns void language sql as"
                                + " 'delete from public.sessions where account_id = acc';"
                                + " create function norm(acc int, n text) returns text language plpgsql immutable as"
                                + " $$ begin perform public.expire(acc); return lower(n); end $$;",
                        "create index accounts_norm on accounts (public.norm(id, name));"),
                new Shape("COPY FROM stdin in the undo script, then a drop",
                        "create table gone (id int primary key, v text); insert into gone values (1, 'g');"
                                + " create table refill (id int primary key, v text);",
                        "copy refill (id, v) from stdin;\n5\tfive\n\\.\ndrop table gone;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void shouldKeepEveryValueAnUndoScriptDestroys(Shape shape, TestDatabase db) throws Exception {
        db.execute("DO $$ BEGIN CREATE ROLE dbm_safety_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V1__shape.sql"), shape.v1());
        Files.writeString(dir.resolve("U1__shape.sql"), shape.u1());
        MigrationResult up = engine.run(Requests.of(db, Action.UPGRADE, "head", dir));
        assertThat(up.success()).as(up.message()).isTrue();
        DataKept before = DataKept.read(db);

        MigrationResult down = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("base").build());

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(down.message()).isEqualTo("Downgraded from revision 1 to base: undid 1 migration(s).");
        assertThat(db.historyVersions()).isEmpty();
        assertThat(down.backups()).as("a shape that destroys nothing needs no test").isNotEmpty();
        DataKept.assertNothingLostBut(before, DataKept.read(db), down.backups(), db);
        // info reads the catalog: the same backups, with their size on disk besides
        assertThat(engine.run(Requests.of(db, Action.INFO, "", dir)).backups())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("bytes").isEqualTo(down.backups());
    }
}
