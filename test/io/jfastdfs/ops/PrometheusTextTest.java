package io.jfastdfs.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exposition format's escaping and histogram shape. */
class PrometheusTextTest {
    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        String text = new PrometheusText().family("m", "gauge", "help").sample("m", 3, "peer", "a\\b\"c\nd").toString();
        assertEquals("# HELP m help\n# TYPE m gauge\nm{peer=\"a\\\\b\\\"c\\nd\"} 3\n", text);
    }

    @Test
    void specialFloatsUsePrometheusSpelling() {
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
        assertEquals("NaN", PrometheusText.format(Double.NaN));
        assertEquals("0.25", PrometheusText.format(0.25));
    }

    @Test
    void histogramBucketsAreCumulativeWithSumAndCount() {
        Histogram h = new Histogram();
        h.observe(500_000);          // 0.5 ms → le 0.001
        h.observe(1_000_000);        // exactly 1 ms → le 0.001 (bounds are inclusive)
        h.observe(2_000_000_000L);   // 2 s → le 2.5
        h.observe(400_000_000_000L); // 400 s → +Inf only
        PrometheusText out = new PrometheusText();
        h.write(out, "d", "family", "x");
        String t = out.toString();
        assertTrue(t.contains("d_bucket{family=\"x\",le=\"0.001\"} 2\n"), t);
        assertTrue(t.contains("d_bucket{family=\"x\",le=\"1\"} 2\n"), t);
        assertTrue(t.contains("d_bucket{family=\"x\",le=\"2.5\"} 3\n"), t);
        assertTrue(t.contains("d_bucket{family=\"x\",le=\"300\"} 3\n"), t);
        assertTrue(t.contains("d_bucket{family=\"x\",le=\"+Inf\"} 4\n"), t);
        assertTrue(t.contains("d_count{family=\"x\"} 4\n"), t);
        assertTrue(t.contains("d_sum{family=\"x\"} 402.0015\n"), t);
    }
}
