package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadBasicsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void textUploadAnswersTheBareUrlAndTheFileDownloads() throws Exception {
        byte[] content = "hello jfastdfs\n".getBytes(StandardCharsets.UTF_8);
        Http.Resp r = Http.upload(server.url() + "/upload", "hello.txt", content);
        assertEquals(200, r.status());
        String url = r.text();
        assertTrue(url.startsWith(server.base() + "/group1/default/"), url);
        assertTrue(url.endsWith("/1/hello.txt?name=hello.txt&download=1"), url);
        Http.Resp d = Http.get(url);
        assertEquals(200, d.status());
        assertArrayEquals(content, d.body());
        assertEquals("attachment;filename=hello.txt", d.header("Content-Disposition"));
    }

    @Test
    void jsonUploadIsPrettyWithSortedKeysAndEscapedAmpersand() throws Exception {
        byte[] content = "json reply body".getBytes(StandardCharsets.UTF_8);
        Http.Resp r = Http.upload(server.url() + "/upload", "j.txt", content, Map.of("output", "json"));
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        String body = r.text();
        assertTrue(body.startsWith("{\n  \"domain\": \"" + server.base() + "\",\n  \"md5\": \"" + Files2.md5(content) + "\""), body);
        assertTrue(body.contains("?name=j.txt\\u0026download=1\""), body);
        assertTrue(body.endsWith("}"), body);
    }
}
