package io.jfastdfs.api;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * strict_http_status (API.md §1.4): the bodies stay exactly those of the default mode, the status
 * says what happened (400 bad parameter, 403 not admin, 404 not found), and conditions go-fastdfs
 * never reported keep their real codes in both modes.
 */
class StrictHttpStatusTest {
    static TestServer strict;
    static TestServer lenient;

    @BeforeAll
    static void start() throws Exception {
        strict = TestServer.start(Map.of("strict_http_status", true));
        lenient = TestServer.start();
    }

    @AfterAll
    static void stop() {
        strict.close();
        lenient.close();
    }

    private static void assertStatus(int strictStatus, int defaultStatus, String pathAndQuery) throws Exception {
        Http.Resp s = Http.get(strict.url() + pathAndQuery);
        Http.Resp d = Http.get(lenient.url() + pathAndQuery);
        assertEquals(strictStatus, s.status(), "strict " + pathAndQuery);
        assertEquals(defaultStatus, d.status(), "default " + pathAndQuery);
        assertEquals(d.text(), s.text(), "same body in both modes: " + pathAndQuery);
    }

    @Test
    void failEnvelopesGetRealCodesOnlyInStrictMode() throws Exception {
        assertStatus(404, 200, "/delete?md5=ffffffffffffffffffffffffffffffff");
        assertStatus(400, 200, "/delete?md5=abc");
        assertStatus(404, 200, "/get_file_info?md5=ffffffffffffffffffffffffffffffff");
        assertStatus(404, 200, "/list_dir?dir=nothing/here");
        assertStatus(404, 200, "/check_file_exist?md5=ffffffffffffffffffffffffffffffff");
        assertStatus(404, 200, "/upload?md5=ffffffffffffffffffffffffffffffff&output=json");
        assertStatus(400, 200, "/upload");
        assertStatus(400, 200, "/repair_stat?date=2026");
        assertStatus(403, 200, "/reload?action=get&key=wrong");
        assertEquals(200, Http.get(strict.url() + "/status").status());
    }

    @Test
    void uploadRefusalsInStrictMode() throws Exception {
        Http.Resp xml = Http.upload(strict.url() + "/upload", "x.txt", "x".getBytes(StandardCharsets.UTF_8), Map.of("output", "xml"));
        assertEquals(400, xml.status());
        assertEquals(Replies.fail("output just support json or text or json2"), xml.text());
        Http.Resp empty = Http.upload(strict.url() + "/upload", "e.txt", new byte[0]);
        assertEquals(400, empty.status());
        Http.Resp ok = Http.upload(strict.url() + "/upload", "fine.txt", "fine".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ok.status());
    }

    @Test
    void newConditionsHaveRealCodesInBothModes() throws Exception {
        for (TestServer s : new TestServer[] {strict, lenient}) {
            Http.Resp r = Http.upload(s.url() + "/upload", "t.txt", "x".getBytes(StandardCharsets.UTF_8), Map.of("scene", "../x"));
            assertEquals(400, r.status());
            assertEquals(Replies.fail("(error)invalid scene"), r.text());
            assertEquals(400, RawHttp.get("127.0.0.1", s.port(), "/group1/%2e%2e/x").status());
            assertEquals(405, Http.method("PUT", s.url() + "/status").status());
            assertEquals(404, Http.get(s.url() + "/no/such/file.txt").status());
        }
    }

    @Test
    void adminDenialsAre403InStrictModeWithTheSameBody() throws Exception {
        RawHttp.Reply text = RawHttp.get("127.0.0.2", strict.port(), "/group1/delete?md5=x");
        assertEquals(403, text.status());
        assertEquals(AdminAccessTest.DENIED + "127.0.0.2", text.text());
        RawHttp.Reply env = RawHttp.get("127.0.0.2", strict.port(), "/group1/stat");
        assertEquals(403, env.status());
        assertEquals(Replies.fail(AdminAccessTest.DENIED + "127.0.0.2"), env.text());
        assertEquals(200, RawHttp.get("127.0.0.2", lenient.port(), "/group1/stat").status());
    }

    @Test
    void readOnlyRefusesUploadsWith403InStrictModeOnly() throws Exception {
        try (TestServer ro = TestServer.start(Map.of("read_only", true, "strict_http_status", true));
             TestServer roDefault = TestServer.start(Map.of("read_only", true))) {
            Http.Resp s = Http.upload(ro.url() + "/upload", "r.txt", "ro".getBytes(StandardCharsets.UTF_8));
            assertEquals(403, s.status());
            assertEquals(Replies.fail("(error) readonly"), s.text());
            Http.Resp d = Http.upload(roDefault.url() + "/upload", "r.txt", "ro".getBytes(StandardCharsets.UTF_8));
            Replies.assertText(d, Replies.fail("(error) readonly"));
        }
    }
}
