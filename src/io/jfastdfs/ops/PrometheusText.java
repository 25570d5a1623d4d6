package io.jfastdfs.ops;

/**
 * Writes the Prometheus text exposition format 0.0.4: a HELP and TYPE line per metric family, then
 * one {@code name{label="value",…} value} line per sample, label values escaped.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(8192);

    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} are name, value pairs. */
    PrometheusText sample(String name, long value, String... labels) {
        start(name, labels).append(value).append('\n');
        return this;
    }

    PrometheusText sample(String name, double value, String... labels) {
        start(name, labels).append(format(value)).append('\n');
        return this;
    }

    /** A family with one unlabelled sample. */
    PrometheusText single(String name, String type, String help, long value) {
        return family(name, type, help).sample(name, value);
    }

    PrometheusText single(String name, String type, String help, double value) {
        return family(name, type, help).sample(name, value);
    }

    private StringBuilder start(String name, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) out.append(',');
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        return out.append(' ');
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        return Double.toString(v);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
