package io.jfastdfs.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LargeUploadStreamsInConstantMemoryTest {

    @Test
    void twoHundredMebibyteFileArrivesWithItsMd5AndNoReadAheadBeyondOneBuffer() throws Exception {
        long size = (200L << 20) + 12_345;
        GeneratedUploadStream stream = new GeneratedUploadStream(FormBody.BOUNDARY, size);
        MultipartReader reader = new MultipartReader(stream, new FormBody().contentType());
        assertEquals("default", reader.next().text());

        Part file = reader.next();
        assertEquals("big.bin", file.filename());
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        long[] delivered = {0};
        long[] maxReadAhead = {0};
        long copied = file.copyTo((buf, off, len) -> {
            md5.update(buf, off, len);
            delivered[0] += len;
            maxReadAhead[0] = Math.max(maxReadAhead[0], stream.contentServed() - delivered[0]);
        });

        assertEquals(size, copied);
        assertEquals(stream.contentMd5(), HexFormat.of().formatHex(md5.digest()));
        // The parser holds at most one buffer of the body at any time: memory is constant in the size.
        assertEquals(true, maxReadAhead[0] <= MultipartInput.DEFAULT_BUFFER, "read ahead " + maxReadAhead[0]);
        assertEquals("json", reader.next().text());
        assertNull(reader.next());
    }
}
