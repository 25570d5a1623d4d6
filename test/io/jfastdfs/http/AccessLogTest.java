package io.jfastdfs.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access-log line of API.md §6.2 with Go's duration notation. */
class AccessLogTest {

    @Test
    void durationsReadLikeGoTimeDuration() {
        assertEquals("0ns", AccessLog.goDuration(0));
        assertEquals("850ns", AccessLog.goDuration(850));
        assertEquals("1µs", AccessLog.goDuration(1_000));
        assertEquals("982.643µs", AccessLog.goDuration(982_643));
        assertEquals("12.5ms", AccessLog.goDuration(12_500_000));
        assertEquals("1s", AccessLog.goDuration(1_000_000_000));
        assertEquals("1.2s", AccessLog.goDuration(1_200_000_000));
        assertEquals("2m3.5s", AccessLog.goDuration(123_500_000_000L));
        assertEquals("1h0m1s", AccessLog.goDuration(3_601_000_000_000L));
        assertEquals("1m0s", AccessLog.goDuration(60_000_000_000L));
    }

    @Test
    void aLineCarriesTimeDurationClientMethodStatusUriAndBytes() {
        String line = new AccessLog().line(982_643, "10.0.0.5", "POST", 200, "/group1/upload?x=1", 77);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INF] \\[access] \\d{4}/\\d\\d/\\d\\d - \\d\\d:\\d\\d:\\d\\d"
                + " \\| 982\\.643µs \\| 10\\.0\\.0\\.5 \\| POST \\| 200 \\|/group1/upload\\?x=1 \\| 77"), line);
    }
}
