package io.jfastdfs.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    @Test
    void delaysDoubleFromOneSecondToFiveMinutesWithJitterAndNeverStop() {
        Backoff b = new Backoff();
        long bound = 1_000;
        for (int i = 1; i <= 100; i++) {
            long d = b.next();
            assertTrue(d >= bound / 2 && d <= bound, "attempt " + i + ": " + d + " ms, bound " + bound);
            bound = Math.min(Backoff.MAX_MILLIS, bound * 2);
        }
        assertEquals(300_000, bound);
    }

    @Test
    void successStartsOverAtOneSecond() {
        Backoff b = new Backoff();
        for (int i = 0; i < 10; i++) b.next();
        b.reset();
        assertTrue(b.next() <= 1_000);
    }
}
