package io.jfastdfs.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** One row of the per-day counters (API.md §2.12): files and bytes indexed for a day. */
public record DailyStat(String day, long count, long bytes) {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** {@code yyyyMMdd} of a Unix-seconds time stamp in the JVM's default time zone. */
    public static String dayOf(long epochSeconds) {
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneId.systemDefault());
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** True when {@code s} is a day as the index books it: exactly 8 digits naming a real date. */
    public static boolean isDay(String s) {
        if (s.length() != 8 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) return false;
        try {
            LocalDate.parse(s, DAY);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
