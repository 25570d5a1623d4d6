package io.jfastdfs.tus;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static io.jfastdfs.tus.TusRequests.OFFSET_STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tus 1.0.0 core, creation, creation-with-upload and creation-defer-length: every status code. */
class TusCoreProtocolTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static String endpoint() {
        return TusRequests.endpoint(server);
    }

    @Test
    void optionsAdvertisesVersionExtensionsAndChecksumAlgorithms() throws Exception {
        Http.Resp r = Http.method("OPTIONS", endpoint());
        assertEquals(200, r.status());
        assertEquals("1.0.0", r.header("Tus-Resumable"));
        assertEquals("1.0.0", r.header("Tus-Version"));
        assertEquals("creation,creation-with-upload,termination,concatenation,creation-defer-length,checksum,expiration",
                r.header("Tus-Extension"));
        assertEquals("md5,sha1", r.header("Tus-Checksum-Algorithm"));
        assertNull(r.header("Tus-Max-Size"), "no limit configured");
    }

    @Test
    void preflightGetsTusCorsHeaders() throws Exception {
        Http.Resp r = Http.method("OPTIONS", endpoint(), "Origin", "https://app.example",
                "Access-Control-Request-Method", "PATCH");
        assertEquals(200, r.status());
        assertEquals("https://app.example", r.header("Access-Control-Allow-Origin"));
        assertEquals("POST, GET, HEAD, PATCH, DELETE, OPTIONS", r.header("Access-Control-Allow-Methods"));
        assertTrue(r.header("Access-Control-Allow-Headers").contains("Upload-Offset, Tus-Resumable, Upload-Metadata"));
        assertTrue(r.header("Access-Control-Expose-Headers").startsWith("Upload-Offset, Location, Upload-Length"));
        assertEquals("86400", r.header("Access-Control-Max-Age"));
    }

    @Test
    void requestWithoutTusResumableIsRefusedWith412AndTheSupportedVersion() throws Exception {
        Http.Resp r = Http.send(HttpRequest.newBuilder(java.net.URI.create(endpoint())).header("Upload-Length", "5")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(412, r.status());
        assertEquals("unsupported version\n", r.text());
        assertEquals("1.0.0", r.header("Tus-Version"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        Http.Resp other = Http.send(TusRequests.builder(endpoint(), "Upload-Length", "5").setHeader("Tus-Resumable", "0.2.2")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(412, other.status());
    }

    @Test
    void creationAnswers201WithAnAbsoluteLocationAndHeadEchoesTheUpload() throws Exception {
        String md = TusRequests.metadata("filename", "tusmanual2.txt");
        Http.Resp c = TusRequests.create(endpoint(), "Upload-Length", "11", "Upload-Metadata", md);
        assertEquals(201, c.status());
        String location = c.header("Location");
        assertTrue(location.matches("http://127\\.0\\.0\\.1:" + server.port() + "/group1/big/upload/[0-9a-f]{32}"), location);
        assertNull(c.header("Upload-Offset"), "no body was sent");
        assertTrue(c.header("Upload-Expires").endsWith(" GMT"), c.header("Upload-Expires"));
        Http.Resp h = TusRequests.head(location);
        assertEquals(200, h.status());
        assertEquals("0", h.header("Upload-Offset"));
        assertEquals("11", h.header("Upload-Length"));
        assertEquals(md, h.header("Upload-Metadata"));
        assertEquals("no-store", h.header("Cache-Control"));
        assertEquals("1.0.0", h.header("Tus-Resumable"));
    }

    @Test
    void unprefixedEndpointWithAndWithoutSlashCreatesUploads() throws Exception {
        for (String url : new String[] {server.base() + "/big/upload", server.base() + "/big/upload/",
                server.url() + "/big/upload"}) {
            Http.Resp c = TusRequests.create(url, "Upload-Length", "3");
            assertEquals(201, c.status(), url);
            assertTrue(c.header("Location").startsWith(server.url() + "/big/upload/"), c.header("Location"));
        }
    }

    @Test
    void missingOrInvalidLengthIs400() throws Exception {
        Http.Resp none = TusRequests.create(endpoint());
        assertEquals(400, none.status());
        assertEquals("missing or invalid Upload-Length header\n", none.text());
        assertEquals(400, TusRequests.create(endpoint(), "Upload-Length", "-1").status());
        assertEquals(400, TusRequests.create(endpoint(), "Upload-Length", "12x").status());
        Http.Resp defer = TusRequests.create(endpoint(), "Upload-Defer-Length", "2");
        assertEquals(400, defer.status());
        assertEquals("invalid Upload-Defer-Length header\n", defer.text());
        assertEquals(400, TusRequests.create(endpoint(), "Upload-Length", "0").status(), "empty upload");
    }

    @Test
    void patchAppendsAndAnswers204WithTheNewOffset() throws Exception {
        byte[] data = "hello world".getBytes(StandardCharsets.UTF_8);
        String url = TusRequests.created(endpoint(), data.length);
        Http.Resp p = TusRequests.patch(url, data, 0, 5);
        assertEquals(204, p.status());
        assertEquals("5", p.header("Upload-Offset"));
        assertTrue(p.header("Upload-Expires").endsWith(" GMT"));
        assertEquals("5", TusRequests.head(url).header("Upload-Offset"));
    }

    @Test
    void patchAtTheWrongOffsetIs409AndChangesNothing() throws Exception {
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        String url = TusRequests.created(endpoint(), data.length);
        TusRequests.patch(url, data, 0, 4);
        Http.Resp r = TusRequests.patch(url, data, 2, 6);
        assertEquals(409, r.status());
        assertEquals("mismatched offset\n", r.text());
        assertEquals("4", TusRequests.head(url).header("Upload-Offset"));
    }

    @Test
    void patchWithAnotherContentTypeIs415() throws Exception {
        String url = TusRequests.created(endpoint(), 4);
        Http.Resp r = Http.send(TusRequests.builder(url, "Upload-Offset", "0", "Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("abcd")));
        assertEquals(415, r.status());
        assertEquals("missing or invalid Content-Type header\n", r.text());
        Http.Resp noOffset = Http.send(TusRequests.builder(url, "Content-Type", OFFSET_STREAM)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("abcd")));
        assertEquals(400, noOffset.status());
        assertEquals("missing or invalid Upload-Offset header\n", noOffset.text());
    }

    @Test
    void bodyBeyondTheDeclaredLengthIs413AndNothingIsKept() throws Exception {
        byte[] data = "abcdefgh".getBytes(StandardCharsets.UTF_8);
        String url = TusRequests.created(endpoint(), 5);
        Http.Resp r = TusRequests.patch(url, data, 0, 8);
        assertEquals(413, r.status());
        assertEquals("resource's size exceeded\n", r.text());
        assertEquals("0", TusRequests.head(url).header("Upload-Offset"));
    }

    @Test
    void unknownUploadsAre404() throws Exception {
        String url = endpoint() + "0123456789abcdef0123456789abcdef";
        Http.Resp h = TusRequests.head(url);
        assertEquals(404, h.status());
        assertNull(h.header("Upload-Offset"));
        Http.Resp p = TusRequests.patch(url, new byte[3], 0, 3);
        assertEquals(404, p.status());
        assertEquals("upload not found\n", p.text());
        assertEquals(404, TusRequests.delete(url).status());
        assertEquals(404, TusRequests.head(endpoint() + "not-an-id").status());
    }

    @Test
    void creationWithUploadTakesTheFirstChunkInThePost() throws Exception {
        byte[] data = "first chunk, then the rest".getBytes(StandardCharsets.UTF_8);
        Http.Resp c = Http.send(TusRequests.builder(endpoint(), "Upload-Length", Integer.toString(data.length),
                "Content-Type", OFFSET_STREAM).POST(HttpRequest.BodyPublishers.ofByteArray(data, 0, 12)));
        assertEquals(201, c.status());
        assertEquals("12", c.header("Upload-Offset"));
        String url = c.header("Location");
        assertEquals(204, TusRequests.patch(url, data, 12, data.length).status());
        assertEquals(Integer.toString(data.length), TusRequests.head(url).header("Upload-Offset"));
    }

    @Test
    void creationWhoseBodyIsRefusedLeavesNoUploadBehind() throws Exception {
        long before = unfinishedUploads();
        Http.Resp c = Http.send(TusRequests.builder(endpoint(), "Upload-Length", "5", "Content-Type", OFFSET_STREAM)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8])));
        assertEquals(413, c.status());
        assertEquals("resource's size exceeded\n", c.text());
        assertNull(c.header("Location"));
        assertEquals(before, unfinishedUploads(), "an upload nobody was told about is not kept for 7 days");
    }

    private static long unfinishedUploads() throws Exception {
        String metrics = Http.get(server.url() + "/metrics").text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^jfastdfs_tus_uploads_unfinished (\\d+)$")
                .matcher(metrics);
        assertTrue(m.find(), metrics);
        return Long.parseLong(m.group(1));
    }

    @Test
    void deferredLengthIsSetByALaterPatch() throws Exception {
        byte[] data = "length known only at the end".getBytes(StandardCharsets.UTF_8);
        Http.Resp c = TusRequests.create(endpoint(), "Upload-Defer-Length", "1");
        assertEquals(201, c.status());
        String url = c.header("Location");
        assertEquals(204, TusRequests.patch(url, data, 0, 10).status());
        Http.Resp h = TusRequests.head(url);
        assertEquals("1", h.header("Upload-Defer-Length"));
        assertNull(h.header("Upload-Length"));
        Http.Resp last = TusRequests.patch(url, data, 10, data.length, "Upload-Length", Integer.toString(data.length));
        assertEquals(204, last.status());
        assertEquals(Integer.toString(data.length), last.header("Upload-Offset"));
        Http.Resp done = TusRequests.head(url);
        assertEquals(Integer.toString(data.length), done.header("Upload-Length"));
        assertNull(done.header("Upload-Defer-Length"));
        assertEquals(200, Http.get(url).status(), "finished once the deferred length was reached");
    }

    @Test
    void methodOverrideTurnsAPostIntoAPatchOrADelete() throws Exception {
        byte[] data = "override".getBytes(StandardCharsets.UTF_8);
        String url = TusRequests.created(endpoint(), data.length);
        Http.Resp p = Http.send(TusRequests.builder(url, "X-HTTP-Method-Override", "PATCH", "Upload-Offset", "0",
                "Content-Type", OFFSET_STREAM).POST(HttpRequest.BodyPublishers.ofByteArray(data, 0, 3)));
        assertEquals(204, p.status());
        assertEquals("3", p.header("Upload-Offset"));
        Http.Resp d = Http.send(TusRequests.builder(url, "X-HTTP-Method-Override", "DELETE")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, d.status());
        assertEquals(404, TusRequests.head(url).status());
    }

    @Test
    void getBeforeCompletionIs404AndOtherMethodsOnTheEndpointAre405() throws Exception {
        String url = TusRequests.created(endpoint(), 10);
        assertEquals(404, Http.get(url).status());
        assertEquals(405, Http.send(TusRequests.builder(endpoint()).method("PATCH", HttpRequest.BodyPublishers.noBody()))
                .status());
        Http.Resp put = Http.method("PUT", url);
        assertEquals(405, put.status());
        assertEquals("1.0.0", put.header("Tus-Resumable"), "every tus reply, even the dispatcher's own");
    }
}
