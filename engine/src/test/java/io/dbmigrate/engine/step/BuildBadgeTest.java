package io.dbmigrate.engine.step;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.error.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildBadgeTest {
    private static final String DATABASE = "db.example.com:5432/app";

    private static MigrationStep step(StepState state, String version, String description) {
        return new MigrationStep(version, description, "x.sql", state, 4, "", true);
    }

    private static StepOutcome outcome(String action, boolean success, String current, String previous,
                                       MigrationStep... steps) {
        return new StepOutcome(new MigrationResult(success, "m", current, previous, Action.byId(action).orElse(null),
                "", List.of(steps), success ? null : ErrorKind.SQL_ERROR, 0, List.of(), List.of()), DATABASE);
    }

    @Test
    void shouldNameTheTargetOrElseTheDatabaseAndShowTheRevisionReached() {
        StepOutcome upgraded = outcome("upgrade", true, "5", "3", step(StepState.APPLIED, "4", "seed"),
                step(StepState.APPLIED, "5", "priority"));

        BuildBadge plain = BuildBadge.of(upgraded, "").orElseThrow();
        BuildBadge named = BuildBadge.of(upgraded, "prod").orElseThrow();

        assertThat(plain.text()).isEqualTo("app: 5");
        assertThat(named.text()).isEqualTo("prod: 5");
        assertThat(named.tooltip()).isEqualTo("upgrade on db.example.com:5432/app: 3 → 5");
        assertThat(named.lines()).containsExactly("V4 seed (4 ms)", "V5 priority (4 ms)");
        assertThat(named.failed()).isFalse();
        assertThat(named.environment()).containsExactly(Map.entry("DB_MIGRATE_REVISION", "5"),
                Map.entry("DB_MIGRATE_PREVIOUS_REVISION", "3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "upgrade", "downgrade", "restore", "prune", "repair"})
    void shouldBeRecordedByTheActionsThatChangeTheDatabase(String action) {
        assertThat(BuildBadge.recordedFor(action)).isTrue();
        assertThat(BuildBadge.of(outcome(action, true, "2", "1"), "")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "info", "validate", "verify", "backups", "create", ""})
    void shouldNotBeRecordedByTheActionsThatOnlyReadIt(String action) {
        assertThat(BuildBadge.recordedFor(action)).isFalse();
        assertThat(BuildBadge.of(outcome(action, true, "2", "1"), "")).isEmpty();
    }

    @Test
    void shouldMarkAFailureAndSayWhereTheDatabaseStays() {
        BuildBadge failed = BuildBadge.of(outcome("upgrade", false, "3", "3"), "prod").orElseThrow();

        assertThat(failed.failed()).isTrue();
        assertThat(failed.text()).isEqualTo("prod: 3");
        assertThat(failed.tooltip()).isEqualTo("upgrade on db.example.com:5432/app: at 3 (failed)");
    }

    @Test
    void shouldShowAQuestionMarkWhenNoRevisionCouldBeRead() {
        BuildBadge unknown = BuildBadge.of(outcome("upgrade", false, "", ""), "prod").orElseThrow();

        assertThat(unknown.text()).isEqualTo("prod: ?");
        assertThat(unknown.tooltip()).isEqualTo("upgrade on db.example.com:5432/app: revision unknown (failed)");
        assertThat(unknown.environment()).isEmpty();
    }

    @Test
    void shouldMergeStepsOnOneDatabaseKeepingWhereTheBuildStarted() {
        BuildBadge up = BuildBadge.of(outcome("upgrade", false, "4", "3", step(StepState.APPLIED, "4", "seed")),
                "prod").orElseThrow();
        BuildBadge down = BuildBadge.of(outcome("downgrade", true, "3", "4", step(StepState.UNDONE, "4", "seed")),
                "prod").orElseThrow();

        BuildBadge merged = up.merge(down);

        assertThat(merged.text()).isEqualTo("prod: 3");
        assertThat(merged.previousRevision()).isEqualTo("3");
        assertThat(merged.actions()).containsExactly("upgrade", "downgrade");
        assertThat(merged.lines()).containsExactly("V4 seed (4 ms)", "U4 seed (4 ms)");
        assertThat(merged.failed()).isFalse();
        assertThat(merged.tooltip()).isEqualTo("upgrade, downgrade on db.example.com:5432/app: at 3");
    }

    @Test
    void shouldKeepTheLastKnownRevisionWhenALaterStepCouldNotReadOne() {
        BuildBadge up = BuildBadge.of(outcome("upgrade", true, "5", "3"), "").orElseThrow();

        BuildBadge merged = up.merge(BuildBadge.of(outcome("downgrade", false, "", ""), "").orElseThrow());

        assertThat(merged.text()).isEqualTo("app: 5");
        assertThat(merged.failed()).isTrue();
    }

    @Test
    void shouldRefuseToMergeTwoDatabases() {
        BuildBadge app = BuildBadge.of(outcome("upgrade", true, "5", "3"), "").orElseThrow();
        BuildBadge other = new BuildBadge("db.example.com:5432/other", "", "1", "", List.of("upgrade"), List.of(),
                false);

        assertThatThrownBy(() -> app.merge(other)).isInstanceOf(IllegalArgumentException.class);
        assertThat(other.text()).isEqualTo("db.example.com:5432/other: 1");
    }
}
