package io.dbmigrate.engine.undo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatementRulesTest {

    private static SqlScript.Statement statement(String sql) throws ScriptSyntaxException {
        return SqlScript.parse("s.sql", sql).statements().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "CREATE TABLE t (id int PRIMARY KEY, v text DEFAULT 'x')",
            "create table if not exists \"Odd Name\" (id int generated always as identity)",
            "CREATE UNIQUE INDEX t_v ON t (v)",
            "create index if not exists on only public.t using btree (a desc nulls last, \"B\") include (c, d)",
            "CREATE OR REPLACE VIEW v AS SELECT 1",
            "CREATE TYPE mood AS ENUM ('a')",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ DELETE FROM t RETURNING 1 $$",
            "DROP INDEX IF EXISTS t_v",
            "DROP TRIGGER tr ON t",
            "drop function f()",
            "ALTER TABLE public.t DROP CONSTRAINT IF EXISTS t_check",
            "ALTER TABLE t RENAME COLUMN a TO b",
            "ALTER TABLE ONLY t ALTER COLUMN v DROP NOT NULL",
            "COMMENT ON TABLE t IS 'x'",
            "GRANT SELECT ON t TO PUBLIC",
            "SET search_path = app",
    })
    void shouldProveStatementsOnTheClosedListHarmless(String sql) throws Exception {
        assertThat(StatementRules.harmless(statement(sql))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "CREATE TABLE t AS SELECT * FROM u",
            "CREATE TABLE t AS TABLE u",
            "CREATE MATERIALIZED VIEW m AS SELECT 1",
            "DROP INDEX t_v CASCADE",
            "DROP VIEW v",
            "DROP TABLE t",
            "DROP SEQUENCE s",
            "ALTER TABLE t DROP CONSTRAINT c, DROP COLUMN v",
            "ALTER TABLE t DROP CONSTRAINT c CASCADE",
            "ALTER TABLE t ADD COLUMN c int DEFAULT f()",
            "SET CONSTRAINTS ALL IMMEDIATE",
            "INSERT INTO t VALUES (1)",
            "SELECT f()",
            "DO $$ BEGIN NULL; END $$",
            "CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING",
            // an index's expressions and predicate run functions on every row
            "CREATE UNIQUE INDEX t_v ON t (lower(v))",
            "CREATE INDEX t_v ON t ((a + b))",
            "CREATE INDEX t_v ON t (v) WHERE f(v)",
            "CREATE INDEX t_v ON t (v text_pattern_ops)",
    })
    void shouldProbeEverythingElse(String sql) throws Exception {
        assertThat(StatementRules.harmless(statement(sql))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "create index concurrently i on t (v)              | CREATE INDEX CONCURRENTLY",
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t (v)       | CREATE INDEX CONCURRENTLY",
            "drop index concurrently if exists i               | DROP INDEX CONCURRENTLY",
            "REINDEX TABLE CONCURRENTLY t                      | REINDEX CONCURRENTLY",
            "REINDEX DATABASE app                              | REINDEX SCHEMA/DATABASE/SYSTEM",
            "REINDEX (VERBOSE) SCHEMA app                      | REINDEX SCHEMA/DATABASE/SYSTEM",
            "VACUUM (ANALYZE) t                                | VACUUM",
            "CLUSTER                                           | CLUSTER without a table",
            "ALTER SYSTEM SET work_mem = '8MB'                 | ALTER SYSTEM",
            "CREATE DATABASE other                             | CREATE DATABASE",
            "DROP DATABASE other                               | DROP DATABASE",
            "ALTER DATABASE app SET TABLESPACE fast            | ALTER DATABASE ... SET TABLESPACE",
            "CREATE TABLESPACE fast LOCATION '/x'              | CREATE TABLESPACE",
            "DROP TABLESPACE fast                              | DROP TABLESPACE",
            "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p | CREATE SUBSCRIPTION",
            "DROP SUBSCRIPTION s                               | DROP SUBSCRIPTION",
            "ALTER SUBSCRIPTION s REFRESH PUBLICATION          | ALTER SUBSCRIPTION ... REFRESH",
            "DISCARD ALL                                       | DISCARD ALL",
            "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY    | DETACH PARTITION ... CONCURRENTLY",
    })
    void shouldNameStatementsThatCannotRunInATransaction(String sql, String label) throws Exception {
        assertThat(StatementRules.outsideTransaction(statement(sql))).contains(label);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CREATE INDEX i ON t (v)", "CLUSTER t USING i", "ALTER TABLE p DETACH PARTITION p1",
            "REINDEX TABLE t", "SELECT 'VACUUM'"})
    void shouldLetStatementsThatRunInATransactionBe(String sql) throws Exception {
        assertThat(StatementRules.outsideTransaction(statement(sql))).isEmpty();
    }
}
