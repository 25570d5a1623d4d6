package io.jfastdfs.multipart;

/**
 * Caps on everything the parser must hold in memory for a client; part bodies are streamed and not
 * capped here (the caller enforces its own upload size).
 *
 * @param maxHeaderLine     longest part header line (and boundary line) in bytes, without CR LF; at most
 *                          1 MiB, as the parser's buffer grows with it
 * @param maxHeadersPerPart most header lines in one part
 * @param maxParts          most parts in one body
 * @param maxFieldBytes     largest body {@link Part#text()} accepts
 */
public record Limits(int maxHeaderLine, int maxHeadersPerPart, int maxParts, long maxFieldBytes) {
    /** The parser's buffer is sized from it. */
    private static final int MAX_HEADER_LINE = 1 << 20;
    /** {@link Part#text()} collects into one array. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    public Limits {
        if (maxHeaderLine < 1 || maxHeaderLine > MAX_HEADER_LINE || maxHeadersPerPart < 1 || maxParts < 1
                || maxFieldBytes < 0 || maxFieldBytes > MAX_ARRAY) {
            throw new IllegalArgumentException("invalid multipart limits: " + maxHeaderLine + ", " + maxHeadersPerPart
                    + ", " + maxParts + ", " + maxFieldBytes);
        }
    }

    /** 8 KiB header lines, 32 headers per part, 1000 parts, 1 MiB text fields. */
    public static Limits defaults() {
        return new Limits(8192, 32, 1000, 1 << 20);
    }
}
