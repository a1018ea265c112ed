package io.dbmigrate.engine.api;

import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StepStateTest {

    @Test
    void shouldNameEveryFlywayStateAsFlywayDisplaysIt() {
        for (MigrationState state : MigrationState.values()) {
            assertThat(StepState.ofFlyway(state.getDisplayName()).label()).isEqualTo(state.getDisplayName());
        }
    }

    @Test
    void shouldPrintTheStatesOfThisRunInCapitals() {
        assertThat(Arrays.stream(StepState.values()).limit(8).map(StepState::toString)).containsExactly("APPLIED",
                "UNDONE", "PLANNED", "CREATED", "IRREVERSIBLE", "REMOVED", "DELETED", "ALIGNED");
    }

    @Test
    void shouldNotReadThisRunsDeletedAsFlywaysDeleted() {
        assertThat(StepState.ofFlyway("Deleted")).isEqualTo(StepState.HISTORY_DELETED);
        assertThat(StepState.ofFlyway("Undone")).isEqualTo(StepState.HISTORY_UNDONE);
    }
}
