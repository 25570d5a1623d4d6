package io.jfastdfs.index;

import java.util.List;

/** Test records with distinct content digests. */
final class Records {
    /** 2026-11-24 12:00 UTC; some day in every time zone. */
    static final long NOV_24 = 1_795_521_600L;
    static final long DAY = 86_400L;

    private Records() {}

    static FileRecord file(String name, long timeStamp, long size) {
        return new FileRecord(name, "", "files/default/20261124/12/00/1", FileRecord.md5Hex("content of " + name),
                size, List.of("http://127.0.0.1:8080"), "default", timeStamp, FileRecord.OFFSET_NORMAL);
    }
}
