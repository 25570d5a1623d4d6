package io.jfastdfs.ops;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state changes worth an alarm (API.md §6.1). */
class AlarmStateTest {
    @Test
    void downAfterTheSecondFailureInARowThenSilentUntilRecovered() {
        AlarmState s = new AlarmState();
        assertEquals(AlarmState.Change.NONE, s.failed("p"));
        assertEquals(AlarmState.Change.DOWN, s.failed("p"));
        assertEquals(AlarmState.Change.NONE, s.failed("p"));
        assertEquals(AlarmState.Change.RECOVERED, s.answered("p"));
        assertEquals(AlarmState.Change.NONE, s.answered("p"));
        assertEquals(AlarmState.Change.NONE, s.failed("p"), "the count starts again after a recovery");
    }

    @Test
    void anAnswerBetweenFailuresResetsTheCountAndRemovedPeersAreForgotten() {
        AlarmState s = new AlarmState();
        s.failed("p");
        s.answered("p");
        assertEquals(AlarmState.Change.NONE, s.failed("p"));
        s.failed("q");
        s.failed("q");
        s.retainPeers(Set.of("p"));
        assertEquals(AlarmState.Change.NONE, s.answered("q"), "a forgotten peer does not recover");
    }

    @Test
    void conditionsAlarmWhenTheyStartAndAgainOnlyAfterStopping() {
        AlarmState s = new AlarmState();
        assertEquals(Set.of("low"), s.started("disk", Set.of("low")));
        assertEquals(Set.of(), s.started("disk", Set.of("low")));
        assertEquals(Set.of("a"), s.started("conflict", Set.of("a")), "kinds are independent");
        assertEquals(Set.of(), s.started("disk", Set.of()));
        assertEquals(Set.of("low"), s.started("disk", Set.of("low")));
        assertEquals(Set.of("b"), s.started("conflict", Set.of("a", "b")));
    }
}
