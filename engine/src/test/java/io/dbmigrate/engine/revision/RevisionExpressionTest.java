package io.dbmigrate.engine.revision;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionExpressionTest {

    @ParameterizedTest(name = "''{0}'' is {1} {2}")
    @CsvSource({
            "head,          Head,     head",
            "latest,        Head,     head",
            "HEAD,          Head,     head",
            "' head ',      Head,     head",
            "base,          Base,     base",
            "previous,      Previous, previous",
            "3,             Exact,    3",
            "3.1,           Exact,    3.1",
            "3_1,           Exact,    3.1",
            "V3,            Exact,    3",
            "v3.1,          Exact,    3.1",
            "20261124.1030, Exact,    20261124.1030",
            "-1,            Relative, -1",
            "+2,            Relative, +2",
            "-12,           Relative, -12"
    })
    void shouldParseEveryRevisionForm(String input, String kind, String shown) {
        RevisionExpression expression = RevisionExpression.parse(input);

        assertThat(expression.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(expression).hasToString(shown);
    }

    @Test
    void shouldKeepTheVersionAndTheStepsAsValues() {
        assertThat(RevisionExpression.parse("V3.1"))
                .isEqualTo(new RevisionExpression.Exact(MigrationVersion.fromVersion("3.1")));
        assertThat(RevisionExpression.parse("3.0")).isEqualTo(new RevisionExpression.Exact(MigrationVersion.fromVersion("3")));
        assertThat(RevisionExpression.parse("-1")).isEqualTo(new RevisionExpression.Relative(-1));
        assertThat(RevisionExpression.parse("+2")).isEqualTo(new RevisionExpression.Relative(2));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"-0", "+0", "+x", "3..1", "", "  ", "abc", "1-2", "head2", "V", "3.", ".3", "+1234567"})
    void shouldRefuseBadInputRepeatingIt(String input) {
        assertThatThrownBy(() -> RevisionExpression.parse(input))
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo(RequestFailures.badRevision(input.trim()).getMessage());
                });
    }

    @Test
    void shouldSayExactlyWhatIsWrongWithABadRevision() {
        assertThatThrownBy(() -> RevisionExpression.parse("3..1"))
                .hasMessage("Invalid revision '3..1'. Use head, base, previous, a version such as 3 or 3.1, "
                        + "or a relative step such as -1 or +2.");
    }

    @Test
    void shouldTreatNullAsEmptyInput() {
        assertThatThrownBy(() -> RevisionExpression.parse(null)).hasMessage(RequestFailures.badRevision("").getMessage());
    }
}
