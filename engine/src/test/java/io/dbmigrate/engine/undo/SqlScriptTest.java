package io.dbmigrate.engine.undo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    private static List<String> texts(String script) throws ScriptSyntaxException {
        return SqlScript.parse("s.sql", script).statements().stream().map(SqlScript.Statement::text).toList();
    }

    private static List<Integer> lines(String script) throws ScriptSyntaxException {
        return SqlScript.parse("s.sql", script).statements().stream().map(SqlScript.Statement::line).toList();
    }

    @Test
    void shouldSplitOnSemicolonsOutsideQuotesAndComments() throws Exception {
        String script = "select 'a;b', \"x;y\" from t; -- c;d\n/* e; /* nested; */ f; */ select E'g\\';h';"
                + " select U&'i;j', $$k;l$$, $tag$m;$$;n$tag$; select 1";

        assertThat(texts(script)).containsExactly("select 'a;b', \"x;y\" from t",
                "select E'g\\';h'", "select U&'i;j', $$k;l$$, $tag$m;$$;n$tag$", "select 1");
    }

    @Test
    void shouldKeepTokensWithTheirContent() throws Exception {
        SqlScript.Statement statement = SqlScript.parse("s.sql", "INSERT INTO \"My \"\"T\"\" \" VALUES ($1, 'it''s',"
                + " $q$ body $q$, 2.5, foo$bar)::text").statements().get(0);

        assertThat(statement.tokens()).extracting(SqlScript.Token::type, SqlScript.Token::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.WORD, "INSERT"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.WORD, "INTO"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.QUOTED_IDENTIFIER, "My \"T\" "),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.WORD, "VALUES"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, "("),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.PARAMETER, "$1"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, ","),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.STRING, "it's"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, ","),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.DOLLAR_STRING, " body "),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, ","),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.NUMBER, "2.5"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, ","),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.WORD, "foo$bar"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, ")"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.OPERATOR, "::"),
                org.assertj.core.groups.Tuple.tuple(SqlScript.Type.WORD, "text"));
        assertThat(statement.words()).containsExactly("INSERT", "INTO", "VALUES", "FOO$BAR", "TEXT");
    }

    @Test
    void shouldKeepAStandardFunctionBodyWithItsSemicolonsInOneStatement() throws Exception {
        String script = "CREATE OR REPLACE FUNCTION f(x int) RETURNS text LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN x > 0 THEN 'p' ELSE 'n' END;\n  SELECT 'done';\nEND;\nDROP TABLE t;";

        assertThat(texts(script)).containsExactly(script.substring(0, script.lastIndexOf("END;") + 3), "DROP TABLE t");
        assertThat(lines(script)).containsExactly(1, 6);
    }

    @Test
    void shouldTakeTheLinesAfterCopyFromStdinAsItsData() throws Exception {
        String script = "-- fill\nCOPY t (id, v) FROM stdin WITH (FORMAT text);\n1\ta;b -- not a comment\n"
                + "2\t'quote\n\\.\nDROP TABLE t;\ncopy u from STDIN;\n3\tlast";

        List<SqlScript.Statement> statements = SqlScript.parse("s.sql", script).statements();

        assertThat(statements).extracting(SqlScript.Statement::text, SqlScript.Statement::line, SqlScript.Statement::copyData)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("COPY t (id, v) FROM stdin WITH (FORMAT text)", 2,
                                "1\ta;b -- not a comment\n2\t'quote\n"),
                        org.assertj.core.groups.Tuple.tuple("DROP TABLE t", 6, null),
                        org.assertj.core.groups.Tuple.tuple("copy u from STDIN", 7, "3\tlast"));
    }

    @Test
    void shouldCountLinesThroughCrlfStringsAndComments() throws Exception {
        String script = "select 1;\r\n/* two\r\nlines */ select 'a\r\nb';\r\n\r\nselect $$\n$$;\r\nselect 4";

        assertThat(lines(script)).containsExactly(1, 3, 6, 8);
    }

    @Test
    void shouldDropEmptyStatementsAndKeepALastOneWithoutSemicolon() throws Exception {
        assertThat(texts(";;  -- only a comment\n;\nselect 1\n")).containsExactly("select 1\n");
        assertThat(texts("-- nothing at all\n")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'select 1;\nselect ''open'              | 2 | unterminated string starting at line 2",
            "'select \"open'                           | 1 | unterminated quoted name starting at line 1",
            "'select 1;\n\ndo $body$ begin end $bod$' | 3 | unterminated dollar-quoted string $body$ starting at line 3",
            "'/* outer /* inner */ still open'        | 1 | unterminated /* comment starting at line 1",
            "'select E''it\\''s'                      | 1 | unterminated string starting at line 1",
    })
    void shouldNameWhatIsUnterminatedAndWhere(String script, int line, String message) {
        assertThatThrownBy(() -> SqlScript.parse("s.sql", script))
                .isInstanceOfSatisfying(ScriptSyntaxException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessage(message);
    }

    @Test
    void shouldSplitFiftyThousandStatementsWithTheirLines() throws Exception {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            script.append(i % 10 == 0 ? "CREATE TABLE t_" + i + " (id int);\n" : "DROP TABLE IF EXISTS t_" + i + ";\n");
        }

        List<SqlScript.Statement> statements = SqlScript.parse("big.sql", script.toString()).statements();

        assertThat(statements).hasSize(50_000);
        assertThat(statements.get(49_999).line()).isEqualTo(50_000);
        assertThat(statements.get(49_999).text()).isEqualTo("DROP TABLE IF EXISTS t_49999");
    }

    @Test
    void shouldKeepSemicolonsInsideParenthesesAndDropAByteOrderMark() throws Exception {
        String script = "\uFEFFCREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t);\nSELECT 1;";

        assertThat(texts(script)).containsExactly(
                "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t)", "SELECT 1");
        assertThat(SqlScript.parse("s.sql", script).statements().get(0).firstWord()).isEqualTo("CREATE");
    }
}
