package io.jfastdfs.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpDatesTest {

    @Test
    void singleDigitDaysGetTheirLeadingZeroLikeGosTimeFormat() {
        assertEquals("Tue, 03 Nov 2026 08:02:15 GMT", HttpDates.format(Instant.parse("2026-11-03T08:02:15Z")));
        assertEquals("Tue, 03 Nov 2026 08:02:15 GMT", HttpDates.formatSeconds(Instant.parse("2026-11-03T08:02:15Z").getEpochSecond()));
    }

    @Test
    void parsesFixdatesAndLenientSingleDigitDaysButNotGarbage() {
        long t = Instant.parse("2026-11-03T08:02:15Z").getEpochSecond();
        assertEquals(t, HttpDates.parseSeconds("Tue, 03 Nov 2026 08:02:15 GMT").getAsLong());
        assertEquals(t, HttpDates.parseSeconds("Tue, 3 Nov 2026 08:02:15 GMT").getAsLong());
        assertTrue(HttpDates.parseSeconds("yesterday").isEmpty());
    }
}
