package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogIdentity;
import io.dbmigrate.engine.undo.SqlScript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What stands in the way of a certain undo, read from a migration's statements: no database needed. */
class DataChangesTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "integer | bigint | true",
            "smallint | numeric | true",
            "bigint | integer | false",
            "character varying(50) | character varying(200) | true",
            "character varying(200) | character varying(50) | false",
            "character varying(50) | text | true",
            "text | character varying(50) | false",
            "numeric(10,2) | numeric(12,2) | true",
            "numeric(10,2) | numeric(10,0) | false",
            "text | integer | false",
            "timestamp without time zone | date | false"})
    void shouldKeepEveryValueOnlyWhenTheTypeWidens(String from, String to, boolean keeps) {
        assertThat(DataChanges.Widening.keepsEveryValue(from, to)).isEqualTo(keeps);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'x') THEN CREATE TYPE x AS ENUM ('a');"
                    + " END IF; END $$; | ",
            "DO $$ BEGIN CREATE TYPE x AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END $$; | ",
            "DO $$ BEGIN UPDATE t SET a = 1; END $$; | runs DO (line 1), which may change data no catalog shows",
            "DO $$ BEGIN EXECUTE 'CREATE TABLE y ()'; END $$; | runs DO (line 1), which may change data no catalog shows",
            "DO $$ BEGIN IF (SELECT count(*) FROM t) > 0 THEN CREATE TABLE y (); END IF; END $$;"
                    + " | runs DO (line 1), which may change data no catalog shows",
            "SELECT setval('s', 10); | runs SELECT (line 1), which may change data no catalog shows",
            "ALTER TABLE t ALTER COLUMN a TYPE bigint USING a * 2;"
                    + " | changes a column's type with USING (line 1), which can change values"})
    void shouldTellStatementsThatMayChangeDataFromThoseThatCannot(String sql, String reason) throws Exception {
        CatalogIdentity none = new CatalogIdentity(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        // no table exists, so no insert is one into an existing table: the seed rows' model is never read
        SeedRows seeds = new SeedRows(null, Set.of(), new Names("public", Set.of()));

        DataChanges.Analysis analysis = DataChanges.analyze(SqlScript.parse("V1__x.sql", sql), none, none,
                name -> Optional.empty(), seeds);

        assertThat(analysis.reasons()).isEqualTo(reason == null ? List.of() : List.of(reason));
    }
}
