package io.jfastdfs.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One row of the per-day counters (API.md §2.12): files and bytes indexed for a day. */
public record DailyStat(String day, long count, long bytes) {

    /** {@code yyyyMMdd} of a Unix-seconds time stamp in the JVM's default time zone. */
    public static String dayOf(long epochSeconds) {
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneId.systemDefault());
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
