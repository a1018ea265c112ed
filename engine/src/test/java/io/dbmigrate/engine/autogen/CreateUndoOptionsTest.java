package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object kinds {@link CreateUndoKindsTest} leaves to this class, as it does: V2, the generated U2, and the catalog
 * of revision 1 exactly after the engine's own downgrade (then V2 again, the catalog after it). Owners, row-level
 * security and policies, column privileges and options, table options, partitions attached and detached, and an enum
 * value added beside the functions and generated columns that use the type. Not in the version matrix: these read the
 * same catalog columns on every supported version.
 */
@ExtendWith(PostgresExtension.class)
class CreateUndoOptionsTest {
    @TempDir
    Path tmp;

    private static final String ROLES = "DO $$ BEGIN\n"
            + "    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dbm_kind_owner') THEN CREATE ROLE dbm_kind_owner; END IF;\n"
            + "    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dbm_kind_reader') THEN CREATE ROLE dbm_kind_reader; END IF;\n"
            + "END $$;\n";
    private static final String USERS = ROLES + "CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(50) NOT NULL,"
            + " name text);\n";
    private static final String EVENTS = "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, body text,"
            + " PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\n";

    /** {@code v1}: the revision before; {@code v2}: the change; {@code undo}: statements U2 must hold. */
    record Kind(String name, String v1, String v2, String... undo) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        String app = PostgresExtension.USER;
        return Stream.of(
                new Kind("table owner", USERS, "ALTER TABLE users OWNER TO dbm_kind_owner;",
                        "ALTER TABLE users OWNER TO " + app + ";"),
                new Kind("function owner", USERS + "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS"
                        + " $$ SELECT count(*) FROM users $$;", "ALTER FUNCTION user_count() OWNER TO dbm_kind_owner;",
                        "ALTER ROUTINE public.user_count() OWNER TO " + app + ";"),
                new Kind("row-level security and a policy", USERS,
                        "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\nALTER TABLE users FORCE ROW LEVEL SECURITY;\n"
                                + "CREATE POLICY own_rows ON users FOR SELECT TO dbm_kind_reader USING (name = current_user);",
                        "DROP POLICY own_rows ON users;", "ALTER TABLE users DISABLE ROW LEVEL SECURITY;",
                        "ALTER TABLE users NO FORCE ROW LEVEL SECURITY;"),
                new Kind("policy dropped and changed", USERS + "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\n"
                        + "CREATE POLICY own_rows ON users USING (name = current_user);\n"
                        + "CREATE POLICY no_admins ON users AS RESTRICTIVE FOR UPDATE TO dbm_kind_reader, dbm_kind_owner"
                        + " USING (name <> 'admin') WITH CHECK (name <> 'admin');",
                        "DROP POLICY own_rows ON users;\nALTER POLICY no_admins ON users USING (true);",
                        "DROP POLICY no_admins ON users;",
                        "CREATE POLICY own_rows ON public.users FOR ALL TO PUBLIC USING ((name = CURRENT_USER));"),
                new Kind("column privileges", USERS, "GRANT SELECT (id, email), UPDATE (name) ON users TO dbm_kind_reader;",
                        "REVOKE SELECT (email) ON TABLE public.users FROM dbm_kind_reader;",
                        "REVOKE UPDATE (name) ON TABLE public.users FROM dbm_kind_reader;"),
                new Kind("column privilege revoked", USERS + "GRANT SELECT (email) ON users TO dbm_kind_reader WITH GRANT"
                        + " OPTION;", "REVOKE SELECT (email) ON users FROM dbm_kind_reader;",
                        "GRANT SELECT (email) ON TABLE public.users TO dbm_kind_reader WITH GRANT OPTION;"),
                new Kind("table options", USERS,
                        "ALTER TABLE users SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01);",
                        "ALTER TABLE users RESET (fillfactor, autovacuum_vacuum_scale_factor);"),
                new Kind("TOAST table options", USERS, "ALTER TABLE users SET (toast.autovacuum_enabled = false);",
                        "ALTER TABLE users RESET (toast.autovacuum_enabled);"),
                new Kind("table options changed", USERS + "ALTER TABLE users SET (fillfactor = 70);",
                        "ALTER TABLE users SET (fillfactor = 90, autovacuum_enabled = false);",
                        "ALTER TABLE users RESET (autovacuum_enabled);", "ALTER TABLE users SET (fillfactor = 70);"),
                new Kind("unlogged table and column statistics", USERS,
                        "ALTER TABLE users SET UNLOGGED;\nALTER TABLE users ALTER COLUMN email SET STATISTICS 500;",
                        "ALTER TABLE users SET LOGGED;", "ALTER TABLE users ALTER COLUMN email SET STATISTICS -1;"),
                new Kind("partition attached", EVENTS + "CREATE TABLE events_2024 (id bigint NOT NULL, at date NOT NULL,"
                        + " body text);", "ALTER TABLE events ATTACH PARTITION events_2024"
                        + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
                        "ALTER TABLE events DETACH PARTITION events_2024;",
                        "ALTER TABLE events_2024 DROP CONSTRAINT events_2024_pkey;"),
                new Kind("partition detached", EVENTS + "CREATE TABLE events_2024 PARTITION OF events"
                        + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
                        "ALTER TABLE events DETACH PARTITION events_2024;",
                        "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"),
                new Kind("enum value added, used by a function and a generated column",
                        "CREATE TYPE state AS ENUM ('CREATED', 'RUNNING');\n"
                                + "CREATE FUNCTION state_fromtext(text) RETURNS state AS $$ SELECT CAST($1 AS state) $$"
                                + " LANGUAGE sql IMMUTABLE;\n"
                                + "CREATE TABLE runs (key text PRIMARY KEY, value jsonb NOT NULL, current state NOT NULL"
                                + " GENERATED ALWAYS AS (state_fromtext(value ->> 'state')) STORED);\n"
                                + "CREATE INDEX runs_current ON runs (current);",
                        "ALTER TYPE state ADD VALUE IF NOT EXISTS 'PAUSED';",
                        "ALTER TABLE runs DROP COLUMN current;", "DROP ROUTINE state_fromtext(text);",
                        "CREATE INDEX runs_current ON public.runs USING btree (current);", "DROP TYPE state__old;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldWriteAnUndoThatGivesBackTheCatalogBefore(Kind kind, TestDatabase db, TestDatabase user) throws Exception {
        UndoProject project = UndoProject.of(tmp, kind.v1(), kind.v2());

        MigrationResult result = project.createUndo(db);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).as(String.join("\n", result.warnings())).isEmpty();
        assertThat(result.message()).isEqualTo("Wrote 2 undo script(s), each proven on a scratch database.");
        assertThat(project.statements("U2")).as(project.script("U2")).containsAll(List.of(kind.undo()));
        project.assertRoundTrip(user, 2);
    }
}
