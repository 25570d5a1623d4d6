package io.jfastdfs.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * HTTP dates (RFC 9110 IMF-fixdate, Go's http.TimeFormat): "Tue, 03 Nov 2026 08:02:15 GMT". The JDK's
 * RFC_1123 formatter writes single-digit days ("3 Nov"), which strict clients refuse; it still parses.
 */
public final class HttpDates {
    private static final DateTimeFormatter FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String format(Instant t) {
        return FIXDATE.format(t);
    }

    public static String formatSeconds(long epochSeconds) {
        return format(Instant.ofEpochSecond(epochSeconds));
    }

    /** Epoch seconds of an HTTP date, or empty when it is not one. */
    public static OptionalLong parseSeconds(String text) {
        try {
            return OptionalLong.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
