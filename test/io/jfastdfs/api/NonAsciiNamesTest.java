package io.jfastdfs.api;

import io.jfastdfs.http.UrlCodec;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UTF-8 names end to end (API.md §2.1 URL rules, §2.3, §8 item 16): Chinese, spaces, '%', '#' and
 * emoji survive upload, list_dir, get_file_info and download. Name cleaning is off here so the
 * special characters reach the disk.
 */
class NonAsciiNamesTest {
    static final String NAME = "报告 100% #1 😀.txt";
    @RegisterExtension
    static final SharedServer server = new SharedServer(Map.of("enable_trim_file_name_special_char", false));

    @Test
    void uploadStoresTheExactNameAndEscapesItInTheUrl() throws Exception {
        byte[] content = "non-ascii content".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> r = Replies.upload(server.url(), NAME, content, Map.of("path", "utf8/上传"));
        assertEquals("/group1/utf8/上传/" + NAME, r.get("path"));
        String url = (String) r.get("url");
        assertEquals(server.base() + "/group1/utf8/%E4%B8%8A%E4%BC%A0/%E6%8A%A5%E5%91%8A%20100%25%20%231%20%F0%9F%98%80.txt"
                + "?name=%E6%8A%A5%E5%91%8A%20100%25%20%231%20%F0%9F%98%80.txt&download=1", url);
        assertArrayEquals(content, Files.readAllBytes(server.dir().resolve("files/utf8/上传/" + NAME)));

        Http.Resp d = Http.get(url);
        assertEquals(200, d.status());
        assertArrayEquals(content, d.body());
        assertEquals("attachment;filename=\"__ 100% #1 _.txt\";filename*=UTF-8''"
                + "%E6%8A%A5%E5%91%8A%20100%25%20%231%20%F0%9F%98%80.txt", d.header("Content-Disposition"));
    }

    /**
     * curl sends a pasted URL's UTF-8 bytes raw. The JDK server refuses request lines whose bytes read
     * as Latin-1 C1 controls (most CJK text) with its own 400, so raw paths work for Latin names only;
     * the URLs jfastdfs hands out are percent-encoded and always work.
     */
    @Test
    void rawUtf8RequestPathsAsCurlSendsThemAreServed() throws Exception {
        byte[] content = "raw utf8 path".getBytes(StandardCharsets.UTF_8);
        Replies.upload(server.url(), "café.txt", content, Map.of("path", "raw"));
        String target = new String("/group1/raw/café.txt".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        RawHttp.Reply r = RawHttp.get("127.0.0.1", server.port(), target);
        assertEquals(200, r.status());
        assertArrayEquals(content, r.body());
    }

    @Test
    void listDirAndFileInfoShowTheNameAsUtf8() throws Exception {
        byte[] content = "listed non-ascii".getBytes(StandardCharsets.UTF_8);
        Replies.upload(server.url(), NAME, content, Map.of("path", "utf8list"));
        Http.Resp list = Http.get(server.url() + "/list_dir?dir=utf8list");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Replies.json(list).get("data");
        assertEquals(NAME, rows.get(0).get("name"));
        assertTrue(list.text().contains("\"name\": \"" + NAME + "\""), "raw UTF-8 in JSON, not \\u escapes");
        Map<String, Object> info = Replies.data(Http.get(server.url() + "/get_file_info?md5=" + Files2.md5(content)));
        assertEquals(NAME, info.get("name"));
        assertEquals("files/utf8list", info.get("path"));
        Map<String, Object> byPath = Replies.data(Http.get(server.url() + "/get_file_info?path="
                + UrlCodec.encodeComponent("/group1/utf8list/" + NAME)));
        assertEquals(info, byPath);
        Map<String, Object> byKey = Replies.data(Http.get(server.url() + "/get_file_info?md5=" + rows.get(0).get("md5")));
        assertEquals(info, byKey);
    }

    @Test
    void defaultCleaningKeepsNonAsciiLettersAndDropsTheSpecials() throws Exception {
        try (TestServer cleaning = TestServer.start()) {
            Map<String, Object> r = Replies.upload(cleaning.url(), NAME, "cleaned".getBytes(StandardCharsets.UTF_8), Map.of());
            assertTrue(((String) r.get("path")).endsWith("/报告1001😀.txt"), (String) r.get("path"));
            assertEquals(200, Http.get((String) r.get("url")).status());
        }
    }
}
