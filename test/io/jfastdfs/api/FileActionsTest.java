package io.jfastdfs.api;

import io.jfastdfs.index.FileRecord;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** delete, get_file_info, check_file_exist(s), list_dir, search and remove_empty_dir (API.md §2.7–2.11, §2.15). */
class FileActionsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void fileInfoIsThePrettyRecordInAnOkEnvelope() throws Exception {
        byte[] content = bytes("hello file info content");
        Map<String, Object> up = Replies.upload(server.url(), "hello.txt", content, Map.of());
        long ts = Replies.num(up.get("mtime"));
        String md5 = Files2.md5(content);
        String expected = "{\n  \"data\": {\n    \"md5\": \"" + md5 + "\",\n    \"name\": \"hello.txt\",\n"
                + "    \"offset\": -1,\n    \"path\": \"files/default/" + Replies.dateDirs(ts) + "/1\",\n"
                + "    \"peers\": [\n      \"http://127.0.0.1:8080\"\n    ],\n    \"rename\": \"\",\n"
                + "    \"scene\": \"default\",\n    \"size\": " + content.length + ",\n    \"timeStamp\": " + ts + "\n"
                + "  },\n  \"message\": \"\",\n  \"status\": \"ok\"\n}";
        Replies.assertText(Http.get(server.url() + "/get_file_info?md5=" + md5), expected);
        String path = (String) up.get("path");
        Replies.assertText(Http.get(server.url() + "/get_file_info?path=" + enc(path)), expected);
        Replies.assertText(Http.postForm(server.url() + "/get_file_info",
                Map.of("md5", FileRecord.pathKeyOf("files" + path.substring("/group1".length())))), expected);
    }

    @Test
    void fileInfoOfAnUnknownKeyIsLeveldbNotFound() throws Exception {
        Replies.assertText(Http.get(server.url() + "/get_file_info?md5=ffffffffffffffffffffffffffffffff"),
                Replies.fail("leveldb: not found"));
        Replies.assertText(Http.get(server.url() + "/get_file_info"), Replies.fail("leveldb: not found"));
    }

    @Test
    void deleteByMd5RemovesFileAndRecordAndASecondDeleteIsNotFound() throws Exception {
        byte[] content = bytes("delete me by md5");
        Map<String, Object> up = Replies.upload(server.url(), "del.txt", content, Map.of("path", "del/md5"));
        String md5 = Files2.md5(content);
        Replies.assertText(Http.get(server.url() + "/delete?md5=" + md5), Replies.envelope("ok", "remove success"));
        assertFalse(Files.exists(server.dir().resolve("files/del/md5/del.txt")));
        assertEquals(404, Http.get((String) up.get("url")).status());
        Replies.assertText(Http.get(server.url() + "/get_file_info?md5=" + md5), Replies.fail("leveldb: not found"));
        Replies.assertText(Http.get(server.url() + "/delete?md5=" + md5), Replies.fail("leveldb: not found"));
        assertEquals("", Http.get(server.url() + "/upload?md5=" + md5).text());
    }

    @Test
    void deleteAcceptsEveryFormOfThePath() throws Exception {
        String[] forms = {"/group1/del/p/a.txt", "del/p/b.txt", "http://example.org:9/group1/del/p/c.txt?name=c.txt&download=1",
            "files/del/p/d.txt"};
        String[] names = {"a.txt", "b.txt", "c.txt", "d.txt"};
        for (int i = 0; i < forms.length; i++) {
            Replies.upload(server.url(), names[i], bytes("delete by path form " + i), Map.of("path", "del/p"));
            Replies.assertText(Http.postForm(server.url() + "/delete", Map.of("path", forms[i])),
                    Replies.envelope("ok", "remove success"));
            assertFalse(Files.exists(server.dir().resolve("files/del/p/" + names[i])), forms[i]);
        }
    }

    @Test
    void deleteRefusesShortDigests() throws Exception {
        Replies.assertText(Http.get(server.url() + "/delete?md5=abc"), Replies.fail("md5 unvalid"));
        Replies.assertText(Http.get(server.url() + "/delete"), Replies.fail("md5 unvalid"));
    }

    @Test
    void deleteOfARecordWhoseFileVanishedStillRemovesTheRecord() throws Exception {
        byte[] content = bytes("vanishing file");
        Replies.upload(server.url(), "v.txt", content, Map.of("path", "del/ghost"));
        Files.delete(server.dir().resolve("files/del/ghost/v.txt"));
        Replies.assertText(Http.get(server.url() + "/delete?md5=" + Files2.md5(content)), Replies.envelope("ok", "remove success"));
        Replies.assertText(Http.get(server.url() + "/get_file_info?md5=" + Files2.md5(content)), Replies.fail("leveldb: not found"));
    }

    @Test
    void checkFileExistAnswersTheCompactRecordOrTheEmptyOne() throws Exception {
        byte[] content = bytes("exists check");
        Map<String, Object> up = Replies.upload(server.url(), "s2.txt", content, Map.of("path", "exist"));
        String md5 = Files2.md5(content);
        String record = "{\"name\":\"s2.txt\",\"rename\":\"\",\"path\":\"files/exist\",\"md5\":\"" + md5 + "\",\"size\":"
                + content.length + ",\"peers\":[\"http://127.0.0.1:8080\"],\"scene\":\"default\",\"timeStamp\":"
                + up.get("mtime") + ",\"offset\":-1}";
        Replies.assertText(Http.get(server.url() + "/check_file_exist?md5=" + md5), record);
        Replies.assertText(Http.get(server.url() + "/check_file_exist?md5=x&path=" + enc("/group1/exist/s2.txt")), record);
        String empty = "{\"name\":\"\",\"rename\":\"\",\"path\":\"\",\"md5\":\"\",\"size\":0,\"peers\":null,\"scene\":\"\","
                + "\"timeStamp\":0,\"offset\":0}";
        Replies.assertText(Http.get(server.url() + "/check_file_exist?md5=ffffffffffffffffffffffffffffffff"), empty);
        Replies.assertText(Http.get(server.url() + "/check_file_exist?md5=x&path=" + enc("../conf/cfg.json")), empty);

        Replies.assertText(Http.get(server.url() + "/check_files_exist?md5s=nope," + md5 + ",nope2"),
                "{\"message\":\"\",\"status\":\"\",\"data\":[" + record + "]}");
        Replies.assertText(Http.get(server.url() + "/check_files_exist?md5s=nope,nope2"),
                "{\"message\":\"\",\"status\":\"\",\"data\":null}");
        Files.delete(server.dir().resolve("files/exist/s2.txt"));
        Replies.assertText(Http.get(server.url() + "/check_file_exist?md5=" + md5), empty);
    }

    @Test
    void listDirShowsFilesWithPathKeysAndDirectories() throws Exception {
        byte[] content = bytes("listed file");
        Map<String, Object> up = Replies.upload(server.url(), "hello.txt", content, Map.of("path", "list/me"));
        Files.createDirectories(server.dir().resolve("files/list/me/sub"));
        Path file = server.dir().resolve("files/list/me/hello.txt");
        long fileMtime = Files.getLastModifiedTime(file).toMillis() / 1000;
        Path sub = server.dir().resolve("files/list/me/sub");
        long subMtime = Files.getLastModifiedTime(sub).toMillis() / 1000;
        String expected = "{\n  \"data\": [\n    {\n      \"is_dir\": false,\n      \"md5\": \""
                + FileRecord.pathKeyOf("files/list/me/hello.txt") + "\",\n      \"mtime\": " + fileMtime + ",\n"
                + "      \"name\": \"hello.txt\",\n      \"path\": \"list/me\",\n      \"size\": " + content.length + "\n    },\n"
                + "    {\n      \"is_dir\": true,\n      \"md5\": \"" + FileRecord.pathKeyOf("files/list/me/sub") + "\",\n"
                + "      \"mtime\": " + subMtime + ",\n      \"name\": \"sub\",\n      \"path\": \"list/me\",\n"
                + "      \"size\": " + Files.size(sub) + "\n    }\n  ],\n  \"message\": \"\",\n  \"status\": \"ok\"\n}";
        Replies.assertText(Http.get(server.url() + "/list_dir?dir=list/me"), expected);
        Replies.assertText(Http.get(server.url() + "/list_dir?dir=/list/m.e/"), expected.replace("\"path\": \"list/me\"", "\"path\": \"/list/me\""));
        assertEquals(up.get("md5"), Replies.data(Http.get(server.url() + "/get_file_info?md5="
                + FileRecord.pathKeyOf("files/list/me/hello.txt"))).get("md5"));
    }

    @Test
    void listDirOfAnEmptyOrMissingDirectory() throws Exception {
        Files.createDirectories(server.dir().resolve("files/list/empty"));
        Replies.assertText(Http.get(server.url() + "/list_dir?dir=list/empty"), Replies.envelope("ok", ""));
        Replies.assertText(Http.get(server.url() + "/list_dir?dir=list/none"),
                Replies.fail("open files/list/none: no such file or directory"));
    }

    @Test
    void listDirOfTheRootHidesInternalDirectories() throws Exception {
        Replies.upload(server.url(), "r.txt", bytes("root listing"), Map.of("path", "rootlist"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Replies.json(Http.get(server.url() + "/list_dir")).get("data");
        List<Object> names = rows.stream().map(r -> r.get("name")).toList();
        assertTrue(names.contains("rootlist"), names.toString());
        assertFalse(names.contains("_tmp"), names.toString());
        assertFalse(names.contains("_big"), names.toString());
    }

    @Test
    void searchFindsNamesContainingTheKeywordCaseSensitively() throws Exception {
        byte[] content = bytes("searchable content");
        Map<String, Object> up = Replies.upload(server.url(), "FindMe-Report.txt", content, Map.of("path", "search"));
        Http.Resp r = Http.get(server.url() + "/search?kw=FindMeReport");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) Replies.json(r).get("data");
        assertEquals(1, found.size());
        assertEquals("FindMeReport.txt", found.get(0).get("name"));
        assertEquals(up.get("md5"), found.get(0).get("md5"));
        assertTrue(r.text().contains("\n      \"md5\": "), r.text());
        Replies.assertText(Http.get(server.url() + "/search?kw=findmereport"), Replies.envelope("ok", ""));
        Replies.assertText(Http.postForm(server.url() + "/search", Map.of("kw", "no such name at all")), Replies.envelope("ok", ""));
    }

    @Test
    void removeEmptyDirStartsABackgroundSweepOfEmptyDirectories() throws Exception {
        Path empty = server.dir().resolve("files/old/2001/01/01");
        Files.createDirectories(empty);
        Path current = server.dir().resolve("files/default/" + Replies.dateDirs(System.currentTimeMillis() / 1000) + "/1");
        Files.createDirectories(current);
        Replies.upload(server.url(), "keep.txt", bytes("keep me"), Map.of("path", "old/keep"));
        Replies.assertText(Http.get(server.url() + "/remove_empty_dir"),
                Replies.envelope("ok", "clean job start ..,don't try again!!!"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (Files.exists(server.dir().resolve("files/old/2001")) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertFalse(Files.exists(server.dir().resolve("files/old/2001")));
        assertTrue(Files.exists(server.dir().resolve("files/old/keep/keep.txt")));
        assertTrue(Files.isDirectory(current), "the directory an upload of this minute may be using stays");
        assertTrue(Files.isDirectory(server.dir().resolve("files/_tmp")));
    }

    @Test
    void urlencodedBodiesOver10MegabytesAre413() throws Exception {
        String big = "md5=" + "a".repeat(10 * 1024 * 1024);
        Http.Resp r = Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/get_file_info"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(big)));
        assertEquals(413, r.status());
        assertEquals(Replies.fail("(error)request body too large"), r.text());
    }

    @Test
    void multipartParametersWorkOnEveryAction() throws Exception {
        byte[] content = bytes("multipart params");
        Replies.upload(server.url(), "mp.txt", content, Map.of("path", "mp"));
        Http.Resp r = new Http.Multipart().field("md5", Files2.md5(content)).post(server.url() + "/get_file_info");
        assertEquals("mp.txt", Replies.data(r).get("name"));
        assertNull(Replies.json(new Http.Multipart().field("kw", "zzzz-none").post(server.url() + "/search")).get("data"));
    }
}
