package io.jfastdfs.tus;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checksum, termination and concatenation extensions. */
class TusExtensionsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static String endpoint() {
        return TusRequests.endpoint(server);
    }

    static Path dataFile(String url) {
        return server.dir().resolve("files/_big/1/" + url.substring(url.lastIndexOf('/') + 1) + ".bin");
    }

    @Test
    void chunkWhoseChecksumDoesNotMatchIs460AndIsDropped() throws Exception {
        byte[] data = TusRequests.random(100_000, 11);
        String url = TusRequests.created(endpoint(), data.length, "filename", "sum.bin");
        assertEquals(204, TusRequests.patch(url, data, 0, 40_000,
                "Upload-Checksum", "sha1 " + TusRequests.base64Digest("SHA-1", data, 0, 40_000)).status());
        Http.Resp bad = TusRequests.patch(url, data, 40_000, 80_000,
                "Upload-Checksum", "md5 " + TusRequests.base64Digest("MD5", data, 0, 40_000));
        assertEquals(460, bad.status());
        assertEquals("checksum mismatch\n", bad.text());
        assertEquals("40000", TusRequests.head(url).header("Upload-Offset"));
        assertEquals(40_000, Files.size(dataFile(url)), "the refused bytes are cut off again");
        assertEquals(204, TusRequests.patch(url, data, 40_000, data.length,
                "Upload-Checksum", "md5 " + TusRequests.base64Digest("MD5", data, 40_000, data.length)).status());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Http.get(server.url() + "/upload?output=json&md5="
                + url.substring(url.lastIndexOf('/') + 1)).text());
        assertEquals(Files2.md5(data), r.get("md5"), "the whole-file digest survived the refused chunk");
    }

    @Test
    void checksummedChunkCutOffMidwayIsDroppedAndTheUploadStillFinishesRight() throws Exception {
        byte[] data = TusRequests.random(600_000, 16);
        String url = TusRequests.created(endpoint(), data.length, "filename", "cut.bin");
        assertEquals(204, TusRequests.patch(url, data, 0, 100_000).status());
        try (Socket s = TusRequests.startPatch(server.port(), TusRequests.pathOf(url), 100_000, 500_000,
                Arrays.copyOfRange(data, 100_000, 300_000),
                "Upload-Checksum: sha1 " + TusRequests.base64Digest("SHA-1", data, 100_000, data.length))) {
            TusRequests.awaitDataBeyond(server.dir(), url, 100_000);
            awaitLock(url, true);
        }
        awaitLock(url, false);
        assertEquals("100000", TusRequests.head(url).header("Upload-Offset"), "an unverifiable chunk is not kept");
        assertEquals(204, TusRequests.patch(url, data, 100_000, data.length).status());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Http.get(server.url() + "/upload?output=json&md5="
                + url.substring(url.lastIndexOf('/') + 1)).text());
        assertEquals(Files2.md5(data), r.get("md5"));
    }

    /** Polls with empty PATCHes at a wrong offset until the upload is (or is no longer) locked by another PATCH. */
    private static void awaitLock(String url, boolean locked) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if ((TusRequests.patch(url, new byte[0], 0, 0).status() == 423) == locked) return;
            Thread.sleep(20);
        }
        throw new AssertionError("the upload never became " + (locked ? "locked" : "free"));
    }

    @Test
    void unknownChecksumAlgorithmIs400() throws Exception {
        byte[] data = TusRequests.random(10, 12);
        String url = TusRequests.created(endpoint(), data.length);
        Http.Resp r = TusRequests.patch(url, data, 0, 10, "Upload-Checksum", "crc32 AAAAAA==");
        assertEquals(400, r.status());
        assertEquals("unsupported checksum algorithm\n", r.text());
        assertEquals(400, TusRequests.patch(url, data, 0, 10, "Upload-Checksum", "sha1").status());
        assertEquals("0", TusRequests.head(url).header("Upload-Offset"));
    }

    @Test
    void terminationRemovesAnUnfinishedUploadAndItsData() throws Exception {
        byte[] data = TusRequests.random(5000, 13);
        String url = TusRequests.created(endpoint(), data.length);
        TusRequests.patch(url, data, 0, 2000);
        assertTrue(Files.exists(dataFile(url)));
        Http.Resp d = TusRequests.delete(url);
        assertEquals(204, d.status());
        assertEquals("1.0.0", d.header("Tus-Resumable"));
        assertEquals(404, TusRequests.head(url).status());
        assertEquals(404, TusRequests.patch(url, data, 2000, 3000).status());
        assertFalse(Files.exists(dataFile(url)));
    }

    @Test
    void terminatingAFinishedUploadKeepsTheStoredFile() throws Exception {
        byte[] data = TusRequests.random(5000, 14);
        String url = TusRequests.created(endpoint(), data.length, "filename", "kept.bin");
        TusRequests.upload(url, data, data.length);
        assertEquals(204, TusRequests.delete(url).status());
        assertEquals(404, TusRequests.head(url).status());
        assertArrayEquals(data, Http.get(url).body(), "the id still names the stored file");
    }

    @Test
    void threePartialsConcatenateIntoOneStoredFile() throws Exception {
        byte[] data = TusRequests.random(250_000, 15);
        int[] cuts = {0, 100_000, 170_000, data.length};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Http.Resp c = TusRequests.create(endpoint(), "Upload-Concat", "partial",
                    "Upload-Length", Integer.toString(cuts[i + 1] - cuts[i]));
            assertEquals(201, c.status());
            parts.add(c.header("Location"));
        }
        for (int i = 2; i >= 0; i--) { // any order: the final upload names the order
            byte[] piece = Arrays.copyOfRange(data, cuts[i], cuts[i + 1]);
            TusRequests.upload(parts.get(i), piece, 30_000);
            Http.Resp h = TusRequests.head(parts.get(i));
            assertEquals("partial", h.header("Upload-Concat"));
            assertEquals(h.header("Upload-Length"), h.header("Upload-Offset"));
            assertEquals(404, Http.get(parts.get(i)).status(), "a partial is never stored on its own");
        }
        String concat = "final;" + TusRequests.pathOf(parts.get(0)) + " " + parts.get(1) + " " + TusRequests.pathOf(parts.get(2));
        Http.Resp f = TusRequests.create(endpoint(), "Upload-Concat", concat,
                "Upload-Metadata", TusRequests.metadata("filename", "joined.bin"));
        assertEquals(201, f.status(), f.text());
        String url = f.header("Location");
        Http.Resp h = TusRequests.head(url);
        assertEquals(Integer.toString(data.length), h.header("Upload-Offset"));
        assertEquals(Integer.toString(data.length), h.header("Upload-Length"));
        assertEquals(concat, h.header("Upload-Concat"));
        assertArrayEquals(data, Http.get(url).body());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Http.get(server.url() + "/upload?output=json&md5="
                + url.substring(url.lastIndexOf('/') + 1)).text());
        assertEquals(Files2.md5(data), r.get("md5"));
        assertTrue(((String) r.get("path")).endsWith("/joined.bin"));
        Http.Resp modify = TusRequests.patch(url, data, data.length, data.length);
        assertEquals(403, modify.status());
        assertEquals("modifying a final upload is not allowed\n", modify.text());
        for (String p : parts) {
            assertEquals(404, TusRequests.head(p).status(), "partials are removed once concatenated");
            assertFalse(Files.exists(dataFile(p)));
        }
    }

    @Test
    void concatenationOfAnUnfinishedOrUnknownPartialIsRefused() throws Exception {
        String part = TusRequests.create(endpoint(), "Upload-Concat", "partial", "Upload-Length", "10").header("Location");
        TusRequests.patch(part, new byte[10], 0, 4);
        Http.Resp unfinished = TusRequests.create(endpoint(), "Upload-Concat", "final;" + part);
        assertEquals(400, unfinished.status());
        assertEquals("one of the partial uploads is not finished\n", unfinished.text());
        Http.Resp unknown = TusRequests.create(endpoint(), "Upload-Concat",
                "final;" + endpoint() + "0123456789abcdef0123456789abcdef");
        assertEquals(404, unknown.status());
        Http.Resp garbage = TusRequests.create(endpoint(), "Upload-Concat", "final;/etc/passwd");
        assertEquals(400, garbage.status());
        assertEquals("invalid Upload-Concat header\n", garbage.text());
    }
}
