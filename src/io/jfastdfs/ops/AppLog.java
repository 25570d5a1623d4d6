package io.jfastdfs.ops;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * log/fileserver.log: the application log. Errors carry their cause; a stack trace only for
 * server faults, never for client mistakes. Lines are echoed to stdout (log/app.log under control).
 */
public final class AppLog implements Closeable {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final RollingLog file;
    private final boolean echo;

    public AppLog(Path file, boolean echo) throws IOException {
        this.file = new RollingLog(file, RollingLog.DEFAULT_MAX_BYTES, RollingLog.DEFAULT_KEEP);
        this.echo = echo;
    }

    public void info(String msg) {
        write("INF", msg);
    }

    public void warn(String msg) {
        write("WRN", msg);
    }

    /** An error with its cause; the stack trace is logged (server faults only). */
    public void error(String msg, Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        write("ERR", msg + ": " + sw.toString().stripTrailing()); // the trace's first line is t itself
    }

    /** A failure as its type and the first message along its causes ("HttpConnectTimeoutException: …"). */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isEmpty())) t = t.getCause();
        String m = t.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }

    private void write(String level, String msg) {
        String line = TS.format(LocalDateTime.now()) + " [" + level + "] " + msg;
        file.line(line);
        if (echo) System.out.println(line);
    }

    @Override
    public void close() {
        file.close();
    }
}
