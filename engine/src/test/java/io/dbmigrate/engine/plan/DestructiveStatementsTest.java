package io.dbmigrate.engine.plan;

import io.dbmigrate.engine.undo.SqlScript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DestructiveStatementsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "DROP SCHEMA app CASCADE;                                  | DS101 s.sql:1: Dropping schema app",
            "drop table if exists public.tasks;                         | DS102 s.sql:1: Dropping table public.tasks",
            "ALTER TABLE tasks DROP COLUMN priority;                   | DS103 s.sql:1: Dropping column tasks.priority",
            "alter table tasks drop priority;                          | DS103 s.sql:1: Dropping column tasks.priority",
            "TRUNCATE TABLE users;                                     | DS104 s.sql:1: Truncating table users",
            "DELETE FROM users;                                        | DS105 s.sql:1: Deleting every row of users",
            "ALTER TABLE tasks ALTER COLUMN title TYPE varchar(10);    | MF101 s.sql:1: Changing the type of tasks.title (values may be cast or lost)",
            "ALTER TABLE tasks ALTER COLUMN title SET NOT NULL;        | MF102 s.sql:1: Setting NOT NULL on tasks.title (fails if rows hold NULL)",
    })
    void shouldNameTheDestructiveStatementAndTheObject(String sql, String expected) throws Exception {
        assertThat(DestructiveStatements.find(SqlScript.parse("s.sql", sql)))
                .extracting(Finding::toString).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "CREATE TABLE t (id int);",
            "DELETE FROM users WHERE email = 'a';",
            "ALTER TABLE tasks DROP CONSTRAINT tasks_pkey;",
            "ALTER TABLE tasks ALTER COLUMN title DROP NOT NULL;",
            "ALTER TABLE tasks ALTER COLUMN title DROP DEFAULT;",
            "-- DROP TABLE users; in a comment\nSELECT 1;",
            "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE x; END $$;",
    })
    void shouldLeaveSafeStatementsAlone(String sql) throws Exception {
        assertThat(DestructiveStatements.find(SqlScript.parse("s.sql", sql))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void shouldReportTheLineOfEachStatement() throws Exception {
        String script = "-- undo\nALTER TABLE users ADD COLUMN x int;\n\nDROP TABLE tasks;\n";

        assertThat(DestructiveStatements.find(SqlScript.parse("U2__x.sql", script)))
                .extracting(Finding::toString).containsExactly("DS102 U2__x.sql:4: Dropping table tasks");
    }
}
