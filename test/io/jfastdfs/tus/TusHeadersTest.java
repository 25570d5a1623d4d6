package io.jfastdfs.tus;

import io.jfastdfs.http.ApiError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of Upload-Metadata, Upload-Concat and Upload-Checksum. */
class TusHeadersTest {
    private static final String ID = "8549b7c640c7545ec2b738e535045e2c";

    @Test
    void metadataDecodesBase64ValuesAndKeepsTheRawHeader() {
        UploadMetadata md = UploadMetadata.parse("filename dHVzbWFudWFsMi50eHQ=,is_confidential, scene cGljcw,name 5paH5Lu2");
        assertEquals("tusmanual2.txt", md.get("filename"));
        assertEquals("", md.get("is_confidential"));
        assertEquals("pics", md.get("scene"), "padding is optional");
        assertEquals("文件", md.get("name"));
        assertEquals("", md.get("absent"));
        assertEquals("filename dHVzbWFudWFsMi50eHQ=,is_confidential, scene cGljcw,name 5paH5Lu2", md.raw());
        assertTrue(UploadMetadata.parse("").values().isEmpty());
    }

    @Test
    void metadataWithAValueThatIsNotBase64IsRefused() {
        ApiError e = assertThrows(ApiError.class, () -> UploadMetadata.parse("filename ../../etc/passwd"));
        assertEquals(400, e.status(false));
        assertEquals("invalid Upload-Metadata header\n", e.getMessage());
    }

    @Test
    void concatAcceptsPartialAndFinalWithAbsoluteAndRelativeUrls() {
        assertTrue(UploadConcat.parse("partial").partial());
        assertFalse(UploadConcat.parse("").isFinal());
        UploadConcat f = UploadConcat.parse("final;http://h:8080/group1/big/upload/" + ID + " /big/upload/" + ID.replace('8', '9'));
        assertEquals(List.of(ID, ID.replace('8', '9')), f.partIds());
        assertTrue(f.isFinal());
    }

    @Test
    void concatNamingAnythingButUploadsIsRefused() {
        for (String bad : new String[] {"final;", "final; ", "partial;x", "final;/etc/passwd", "final;/big/upload/XYZ",
                "final;/group1/other/" + ID, "whole"}) {
            ApiError e = assertThrows(ApiError.class, () -> UploadConcat.parse(bad), bad);
            assertEquals("invalid Upload-Concat header\n", e.getMessage());
        }
    }

    @Test
    void checksumHeaderIsAlgorithmAndBase64Digest() {
        assertNull(ChunkChecksum.parse(""));
        ChunkChecksum sha1 = ChunkChecksum.parse("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
        byte[] hello = "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sha1.update(hello, 0, hello.length);
        assertTrue(sha1.matches());
        ChunkChecksum wrong = ChunkChecksum.parse("md5 Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
        wrong.update(hello, 0, hello.length);
        assertFalse(wrong.matches());
        assertEquals("unsupported checksum algorithm\n",
                assertThrows(ApiError.class, () -> ChunkChecksum.parse("sha256 abc=")).getMessage());
        assertEquals("invalid Upload-Checksum header\n",
                assertThrows(ApiError.class, () -> ChunkChecksum.parse("md5 !!!")).getMessage());
    }
}
