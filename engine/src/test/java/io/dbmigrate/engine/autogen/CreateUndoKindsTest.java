package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For each kind of object a V script can create, change or drop without losing data: {@code create --undo} writes
 * U2, and the engine's own downgrade of V2 gives back the catalog of revision 1 exactly (then V2 again, the catalog
 * after it).
 */
@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class CreateUndoKindsTest {
    @TempDir
    Path tmp;

    private static final String USERS = "CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(50) NOT NULL,"
            + " name text);\n";

    /** {@code v1}: the revision before; {@code v2}: the change; {@code undo}: statements U2 must hold. */
    record Kind(String name, String v1, String v2, String... undo) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("table with keys and a foreign key", USERS,
                        "CREATE TABLE tasks (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id)"
                                + " ON DELETE CASCADE, title text NOT NULL DEFAULT 'todo', done boolean);",
                        "DROP TABLE tasks;"),
                new Kind("column with default and NOT NULL", USERS,
                        "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
                        "ALTER TABLE users DROP COLUMN status;"),
                new Kind("column default", USERS, "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous';",
                        "ALTER TABLE users ALTER COLUMN name DROP DEFAULT;"),
                new Kind("NOT NULL", USERS, "ALTER TABLE users ALTER COLUMN name SET NOT NULL;",
                        "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;"),
                new Kind("unique key", USERS, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
                        "ALTER TABLE users DROP CONSTRAINT users_email_key;"),
                new Kind("check constraint", USERS,
                        "ALTER TABLE users ADD CONSTRAINT users_name_check CHECK (length(name) > 0);",
                        "ALTER TABLE users DROP CONSTRAINT users_name_check;"),
                new Kind("foreign key", USERS + "CREATE TABLE tasks (id bigint PRIMARY KEY, user_id bigint);",
                        "ALTER TABLE tasks ADD CONSTRAINT tasks_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
                        "ALTER TABLE tasks DROP CONSTRAINT tasks_user_fk;"),
                new Kind("primary key", "CREATE TABLE tags (name text NOT NULL);",
                        "ALTER TABLE tags ADD PRIMARY KEY (name);", "ALTER TABLE tags DROP CONSTRAINT tags_pkey;"),
                new Kind("partial index", USERS, "CREATE INDEX users_named_idx ON users (email) WHERE name IS NOT NULL;",
                        "DROP INDEX users_named_idx;"),
                new Kind("expression index", USERS, "CREATE UNIQUE INDEX users_lower_email_idx ON users (lower(email));",
                        "DROP INDEX users_lower_email_idx;"),
                new Kind("index built concurrently", USERS, "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);",
                        "DROP INDEX users_name_idx;"),
                new Kind("dropped index", USERS + "CREATE INDEX users_name_idx ON users (name);",
                        "DROP INDEX users_name_idx;",
                        "CREATE INDEX users_name_idx ON public.users USING btree (name);"),
                new Kind("column default that calls a new sequence", USERS,
                        "CREATE SEQUENCE ticket_seq START 100 INCREMENT 5;\n"
                                + "ALTER TABLE users ADD COLUMN ticket bigint NOT NULL DEFAULT nextval('ticket_seq');",
                        "ALTER TABLE users DROP COLUMN ticket;", "DROP SEQUENCE ticket_seq;"),
                new Kind("widened column", USERS, "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);",
                        "ALTER TABLE users ALTER COLUMN email TYPE character varying(50) USING email::character"
                                + " varying(50);"),
                new Kind("enum type and column", USERS,
                        "CREATE TYPE priority AS ENUM ('low', 'high');\n"
                                + "ALTER TABLE users ADD COLUMN priority priority NOT NULL DEFAULT 'low';",
                        "ALTER TABLE users DROP COLUMN priority;", "DROP TYPE priority;"),
                new Kind("enum value added", "CREATE TYPE mood AS ENUM ('sad', 'happy');\n" + USERS
                        + "ALTER TABLE users ADD COLUMN mood mood;", "ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';",
                        "ALTER TYPE mood RENAME TO mood__old;", "CREATE TYPE mood AS ENUM ('sad', 'happy');",
                        "DROP TYPE mood__old;"),
                new Kind("view", USERS, "CREATE VIEW named_users AS SELECT id, email FROM users WHERE name IS NOT NULL;",
                        "DROP VIEW named_users;"),
                new Kind("view replaced", USERS + "CREATE VIEW user_emails AS SELECT id, email FROM users;",
                        "CREATE OR REPLACE VIEW user_emails AS SELECT id, email, name FROM users;",
                        "DROP VIEW user_emails;", "CREATE VIEW user_emails AS"),
                new Kind("materialized view", USERS,
                        "CREATE MATERIALIZED VIEW email_domains AS SELECT split_part(email, '@', 2) AS domain, count(*)"
                                + " FROM users GROUP BY 1;\nCREATE INDEX email_domains_idx ON email_domains (domain);",
                        "DROP MATERIALIZED VIEW email_domains;"),
                new Kind("comments", USERS, "COMMENT ON TABLE users IS 'people who log in';\n"
                        + "COMMENT ON COLUMN users.email IS 'where we write';",
                        "COMMENT ON COLUMN public.users.email IS NULL;", "COMMENT ON TABLE public.users IS NULL;"),
                new Kind("function", USERS, "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS"
                        + " $$ SELECT count(*) FROM users $$;", "DROP ROUTINE user_count();"),
                new Kind("extension and a column that uses it", USERS,
                        "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
                                + "ALTER TABLE users ADD COLUMN token text DEFAULT encode(gen_random_bytes(8), 'hex');",
                        "ALTER TABLE users DROP COLUMN token;", "DROP EXTENSION pgcrypto;"),
                new Kind("privileges", USERS + "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS"
                        + " $$ SELECT count(*) FROM users $$;",
                        "GRANT SELECT, INSERT ON users TO PUBLIC;\n"
                                + "REVOKE EXECUTE ON FUNCTION user_count() FROM PUBLIC;",
                        "REVOKE INSERT ON TABLE public.users FROM PUBLIC;",
                        "REVOKE SELECT ON TABLE public.users FROM PUBLIC;",
                        "GRANT EXECUTE ON FUNCTION public.user_count() TO PUBLIC;"),
                new Kind("table created and filled", USERS,
                        "CREATE TABLE roles (name text PRIMARY KEY);\nINSERT INTO roles VALUES ('admin'), ('user');",
                        "DROP TABLE roles;"),
                new Kind("column added and backfilled", USERS + "INSERT INTO users (email) VALUES ('a@example.com');",
                        "ALTER TABLE users ADD COLUMN domain text;\n"
                                + "UPDATE users SET domain = split_part(email, '@', 2);",
                        "ALTER TABLE users DROP COLUMN domain;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldWriteAnUndoThatGivesBackTheCatalogBefore(Kind kind, TestDatabase db, TestDatabase user) throws Exception {
        UndoProject project = UndoProject.of(tmp, kind.v1(), kind.v2());

        MigrationResult result = project.createUndo(db);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.message()).isEqualTo("Wrote 2 undo script(s), each proven on a scratch database.");
        assertThat(project.script("U2")).startsWith("-- Undo of V2__step_2.sql, generated by db-migrate create --undo."
                + " Run by downgrade in one transaction.\n-- Proven on a scratch database before it was written: after"
                + " V2 it gives back the schema of revision 1 exactly, and V2 applied again gives the same schema as"
                + " the first time.\n");
        assertThat(project.statements("U2")).containsAll(java.util.List.of(kind.undo()));
        project.assertRoundTrip(user, 2);
    }
}
