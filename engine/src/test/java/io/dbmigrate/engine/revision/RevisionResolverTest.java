package io.dbmigrate.engine.revision;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionResolverTest {
    private static final List<MigrationVersion> ONE_TO_THREE = versions("1", "2", "3");

    private static List<MigrationVersion> versions(String... values) {
        return Arrays.stream(values).map(MigrationVersion::fromVersion).toList();
    }

    private static MigrationVersion current(String revision) {
        return revision.equals("base") ? MigrationVersion.EMPTY : MigrationVersion.fromVersion(revision);
    }

    private static String resolve(List<MigrationVersion> known, String current, String expression) {
        RevisionResolver resolver = new RevisionResolver(known, current(current), Optional.of(MigrationVersion.fromVersion("1")));
        return Revisions.display(resolver.resolve(RevisionExpression.parse(expression)));
    }

    @ParameterizedTest(name = "at {0}, ''{1}'' is {2}")
    @CsvSource({
            "2,    head,     3",
            "base, latest,   3",
            "2,    base,     base",
            "3,    2,        2",
            "3,    V2,       2",
            "3,    previous, 1",
            "2,    -1,       1",
            "2,    -2,       base",
            "2,    +1,       3",
            "base, +1,       1",
            "base, +3,       3",
            "3,    -3,       base"
    })
    void shouldResolveAgainstTheKnownVersions(String at, String expression, String expected) {
        assertThat(resolve(ONE_TO_THREE, at, expression)).isEqualTo(expected);
    }

    /** Applied in the order 1, 2, 4, 3 (3 out of order), with 5 on disk: what a downgrade undoes, and where it ends. */
    @ParameterizedTest(name = "downgrade ''{0}'' undoes {1} and leaves {2}")
    @CsvSource({
            "-1,   3,       4",
            "-2,   3 4,     2",
            "-4,   3 4 2 1, base",
            "2,    3 4,     2",
            "4,    '',      4",
            "base, 3 4 2 1, base",
            "head, '',      4"
    })
    void shouldUndoInTheOrderTheHistorySaysMigrationsWereApplied(String expression, String undone, String leaves) {
        RevisionResolver resolver = new RevisionResolver(versions("1", "2", "3", "4"), current("4"), Optional.empty());

        RevisionResolver.UndoTarget target = resolver.toUndo(RevisionExpression.parse(expression),
                versions("1", "2", "4", "3"));

        assertThat(String.join(" ", target.versions().stream().map(Revisions::display).toList())).isEqualTo(undone);
        assertThat(Revisions.display(target.revision())).isEqualTo(leaves);
    }

    @ParameterizedTest(name = "downgrade ''{0}'' is refused")
    @CsvSource(delimiter = '|', value = {
            "3  | Revision 3 was never applied, so the database was never at it: downgrade to an applied revision"
                    + " (1, 2, 4) or base.",
            "-4 | Relative revision -4 goes beyond the migrations: at revision 4 only 3 step(s) exist in that direction.",
            "5  | Revision 5 is above the current revision 4: use upgrade to go forward."
    })
    void shouldRefuseADowngradeThatCannotBeTrue(String expression, String message) {
        RevisionResolver resolver = new RevisionResolver(versions("1", "2", "3", "4", "5"), current("4"),
                Optional.empty());

        assertThatThrownBy(() -> resolver.toUndo(RevisionExpression.parse(expression), versions("1", "2", "4")))
                .isInstanceOf(MigrationException.class).hasMessage(message)
                .extracting(e -> ((MigrationException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }

    @Test
    void shouldResolveHeadToBaseWhenThereAreNoMigrations() {
        assertThat(resolve(List.of(), "base", "head")).isEqualTo("base");
    }

    @Test
    void shouldSortAndDeduplicateTheKnownVersions() {
        assertThat(resolve(versions("3", "1", "2", "3"), "1", "+2")).isEqualTo("3");
        assertThat(resolve(versions("3", "1", "2"), "1", "head")).isEqualTo("3");
    }

    @Test
    void shouldTreatOnePointZeroAsOne() {
        assertThat(resolve(ONE_TO_THREE, "3", "1.0")).isEqualTo("1");
        assertThat(resolve(versions("1.0", "2"), "2", "1")).isEqualTo("1.0");
    }

    @Test
    void shouldRefuseToGoBeyondTheNewestMigration() {
        assertThatThrownBy(() -> resolve(ONE_TO_THREE, "2", "+2"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Relative revision +2 goes beyond the migrations: at revision 2 only 1 step(s) exist"
                        + " in that direction.");
    }

    @Test
    void shouldRefuseToGoBelowBase() {
        assertThatThrownBy(() -> resolve(ONE_TO_THREE, "2", "-3"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Relative revision -3 goes beyond the migrations: at revision 2 only 2 step(s) exist"
                        + " in that direction.");
        assertThatThrownBy(() -> resolve(ONE_TO_THREE, "base", "-1"))
                .hasMessage("Relative revision -1 goes beyond the migrations: at revision base only 0 step(s) exist"
                        + " in that direction.");
    }

    @Test
    void shouldListTheKnownVersionsForAnUnknownOne() {
        assertThatThrownBy(() -> resolve(versions("1", "2", "3.1"), "2", "4"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("Unknown revision '4'. Known versions: 1, 2, 3.1.");
    }

    @Test
    void shouldSayNoneWhenNoVersionIsKnown() {
        assertThatThrownBy(() -> resolve(List.of(), "base", "1"))
                .hasMessage("Unknown revision '1'. Known versions: none.");
    }

    @Test
    void shouldRefusePreviousWhenNoUpgradeWasRecorded() {
        RevisionResolver resolver = new RevisionResolver(ONE_TO_THREE, current("3"), Optional.empty());

        assertThatThrownBy(() -> resolver.resolve(new RevisionExpression.Previous()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("There is no previous revision yet: no upgrade that changed the revision has been recorded.");
    }

    @Test
    void shouldResolvePreviousToBase() {
        RevisionResolver resolver = new RevisionResolver(ONE_TO_THREE, current("3"), Optional.of(MigrationVersion.EMPTY));

        assertThat(resolver.resolve(new RevisionExpression.Previous())).isEqualTo(MigrationVersion.EMPTY);
    }
}
