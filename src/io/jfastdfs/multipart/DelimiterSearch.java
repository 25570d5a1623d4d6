package io.jfastdfs.multipart;

import java.util.Arrays;

/**
 * Boyer-Moore-Horspool search for one fixed byte pattern. On file data it inspects about one byte
 * per pattern length, which is what lets a part body stream at memory speed.
 */
final class DelimiterSearch {
    private final byte[] pattern;
    private final int[] skip = new int[256];

    DelimiterSearch(byte[] pattern) {
        this.pattern = pattern.clone();
        int last = pattern.length - 1;
        Arrays.fill(skip, pattern.length);
        for (int i = 0; i < last; i++) skip[pattern[i] & 0xff] = last - i;
    }

    int length() {
        return pattern.length;
    }

    /** Lowest start index in {@code [from, to - length()]} where the pattern occurs, or -1. */
    int find(byte[] buf, int from, int to) {
        int last = pattern.length - 1;
        byte lastByte = pattern[last];
        byte firstByte = pattern[0];
        for (int end = from + last; end < to; end += skip[buf[end] & 0xff]) {
            if (buf[end] == lastByte) {
                int start = end - last;
                if (buf[start] == firstByte && Arrays.equals(buf, start, end, pattern, 0, last)) return start;
            }
        }
        return -1;
    }
}
