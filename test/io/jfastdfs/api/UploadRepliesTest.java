package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upload replies of API.md §2.1 in every output format, the fields that shape placement, and refusals. */
class UploadRepliesTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The pretty FileResult of a "default" scene upload, indented by {@code pad}. */
    private String prettyResult(String pad, String md5, long mtime, String path, long size, String name) {
        String domain = server.base();
        return "{\n"
                + pad + "  \"domain\": \"" + domain + "\",\n"
                + pad + "  \"md5\": \"" + md5 + "\",\n"
                + pad + "  \"mtime\": " + mtime + ",\n"
                + pad + "  \"path\": \"" + path + "\",\n"
                + pad + "  \"retcode\": 0,\n"
                + pad + "  \"retmsg\": \"\",\n"
                + pad + "  \"scene\": \"default\",\n"
                + pad + "  \"scenes\": \"default\",\n"
                + pad + "  \"size\": " + size + ",\n"
                + pad + "  \"src\": \"" + path + "\",\n"
                + pad + "  \"url\": \"" + domain + path + "?name=" + name + "\\u0026download=1\"\n"
                + pad + "}";
    }

    @Test
    void textReplyIsTheBareUrlOfTheDatedLayoutAndTheBytesAreStoredThere() throws Exception {
        byte[] content = bytes("text reply content 1");
        Http.Resp r = Http.upload(server.url() + "/upload", "hello.txt", content);
        assertEquals(200, r.status());
        assertEquals(Replies.TEXT, r.header("Content-Type"));
        Matcher m = Pattern.compile(Pattern.quote(server.base()) + "/group1/default/(\\d{8}/\\d{2}/\\d{2})/1/hello\\.txt"
                + "\\?name=hello\\.txt&download=1").matcher(r.text());
        assertTrue(m.matches(), r.text());
        byte[] onDisk = Files.readAllBytes(server.dir().resolve("files/default/" + m.group(1) + "/1/hello.txt"));
        assertArrayEquals(content, onDisk);
    }

    @Test
    void jsonReplyIsThePrettyFileResultByteForByte() throws Exception {
        byte[] content = bytes("hello jfastdfs json output!!");
        Http.Resp r = Http.upload(server.url() + "/upload", "j.txt", content, Map.of("output", "json"));
        long mtime = Replies.num(Replies.json(r).get("mtime"));
        String path = "/group1/default/" + Replies.dateDirs(mtime) + "/1/j.txt";
        Replies.assertText(r, prettyResult("", Files2.md5(content), mtime, path, content.length, "j.txt"));
    }

    @Test
    void json2ReplyWrapsTheFileResultInAnOkEnvelope() throws Exception {
        byte[] content = bytes("json2 output body");
        Http.Resp r = Http.upload(server.url() + "/upload", "j2.txt", content, Map.of("output", "json2"));
        long mtime = Replies.num(Replies.data(r).get("mtime"));
        String path = "/group1/default/" + Replies.dateDirs(mtime) + "/1/j2.txt";
        Replies.assertText(r, "{\n  \"data\": " + prettyResult("  ", Files2.md5(content), mtime, path, content.length, "j2.txt")
                + ",\n  \"message\": \"\",\n  \"status\": \"ok\"\n}");
    }

    @Test
    void fieldsAfterTheFilePartStillCount() throws Exception {
        byte[] content = bytes("fields follow the file");
        Http.Resp r = new Http.Multipart().file("file", "late.txt", content).field("output", "json")
                .field("scene", "late").post(server.url() + "/upload");
        Map<String, Object> res = Replies.json(r);
        assertEquals("late", res.get("scene"));
        assertTrue(((String) res.get("path")).startsWith("/group1/late/"), r.text());
    }

    @Test
    void onlyTheFirstFilePartCounts() throws Exception {
        Http.Resp r = new Http.Multipart().file("file", "one.txt", bytes("first file part")).field("output", "json")
                .file("file", "two.txt", bytes("second file part")).post(server.url() + "/upload");
        Map<String, Object> res = Replies.json(r);
        assertEquals(Files2.md5(bytes("first file part")), res.get("md5"));
        assertEquals("", Http.get(server.url() + "/upload?md5=" + Files2.md5(bytes("second file part"))).text());
    }

    @Test
    void aQuotedBoundaryAsDotNetClientsSendItIsUnderstood() throws Exception {
        String body = "--q.b\r\nContent-Disposition: form-data; name=file; filename=\"q.txt\"\r\n\r\nquoted boundary\r\n--q.b--\r\n";
        Http.Resp r = Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=\"q.b\"").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertTrue(r.text().endsWith("/1/q.txt?name=q.txt&download=1"), r.text());
    }

    @Test
    void sceneAndItsAliasScenesChooseTheFirstDirectory() throws Exception {
        Map<String, Object> a = Replies.upload(server.url(), "s.txt", bytes("scene pics"), Map.of("scene", "pics"));
        long mtime = Replies.num(a.get("mtime"));
        assertEquals("/group1/pics/" + Replies.dateDirs(mtime) + "/1/s.txt", a.get("path"));
        assertEquals("pics", a.get("scenes"));
        Map<String, Object> b = Replies.upload(server.url(), "s2.txt", bytes("scene via alias"), Map.of("scenes", "docs"));
        assertEquals("docs", b.get("scene"));
        assertTrue(((String) b.get("path")).startsWith("/group1/docs/"));
    }

    @Test
    void customPathDropsDotsAndReplacesTheDatedDirectories() throws Exception {
        Map<String, Object> r = Replies.upload(server.url(), "cp.txt", bytes("custom path"),
                Map.of("path", "my/dir.x", "scene", "pics"));
        assertEquals("/group1/my/dirx/cp.txt", r.get("path"));
        assertEquals("pics", r.get("scene"));
        assertTrue(Files.isRegularFile(server.dir().resolve("files/my/dirx/cp.txt")));
    }

    @Test
    void filenameFieldRenamesTheStoredFileWhileTheUrlKeepsTheOriginalName() throws Exception {
        byte[] content = bytes("renamed content");
        Map<String, Object> r = Replies.upload(server.url(), "original.txt", content, Map.of("filename", "renamed.bin"));
        String path = (String) r.get("path");
        assertTrue(path.endsWith("/1/renamed.bin"), path);
        assertTrue(((String) r.get("url")).endsWith(path + "?name=original.txt&download=1"), (String) r.get("url"));
        Map<String, Object> info = Replies.data(Http.get(server.url() + "/get_file_info?md5=" + Files2.md5(content)));
        assertEquals("original.txt", info.get("name"));
        assertEquals("renamed.bin", info.get("rename"));
    }

    @Test
    void uploadNameIsCleanedOfSpecialCharactersAndClientDirectories() throws Exception {
        Map<String, Object> a = Replies.upload(server.url(), "my file-v1 (2).txt", bytes("cleaning 1"), Map.of());
        assertTrue(((String) a.get("path")).endsWith("/1/myfilev12.txt"), (String) a.get("path"));
        Map<String, Object> b = Replies.upload(server.url(), "C:\\Users\\x\\foo.txt", bytes("cleaning 2"), Map.of());
        assertTrue(((String) b.get("path")).endsWith("/1/foo.txt"), (String) b.get("path"));
    }

    @Test
    void codeAndAuthTokenFieldsAreAcceptedWithoutGuardsConfigured() throws Exception {
        byte[] content = bytes("code and token ride along");
        Map<String, Object> r = Replies.upload(server.url(), "ct.txt", content, Map.of("code", "123456", "auth_token", "abc"));
        assertEquals(Files2.md5(content), r.get("md5"));
    }

    @Test
    void aNameThatCleansToNothingBecomesTheDigest() throws Exception {
        byte[] content = bytes("nameless after cleaning");
        Map<String, Object> r = Replies.upload(server.url(), "()[]", content, Map.of());
        assertTrue(((String) r.get("path")).endsWith("/1/" + Files2.md5(content)), (String) r.get("path"));
    }

    @Test
    void matchingMd5FieldIsAcceptedAndAMismatchStoresNothing() throws Exception {
        byte[] ok = bytes("md5 checked content");
        Map<String, Object> r = Replies.upload(server.url(), "m.txt", ok, Map.of("md5", Files2.md5(ok)));
        assertEquals(Files2.md5(ok), r.get("md5"));

        byte[] bad = bytes("md5 mismatching content");
        List<String> before = Replies.storedFiles(server.dir());
        Http.Resp refused = Http.upload(server.url() + "/upload", "bad.txt", bad, Map.of("md5", Files2.md5(ok)));
        Replies.assertText(refused, Replies.fail(" fileInfo.Md5 and md5sum !="));
        assertEquals(before, Replies.storedFiles(server.dir()));
        assertEquals("", Http.get(server.url() + "/upload?md5=" + Files2.md5(bad)).text());
    }

    @Test
    void emptyFileIsRefusedAndNothingIsStored() throws Exception {
        List<String> before = Replies.storedFiles(server.dir());
        Http.Resp r = Http.upload(server.url() + "/upload", "empty.txt", new byte[0]);
        Replies.assertText(r, Replies.fail("file size is zero"));
        Http.Resp again = Http.upload(server.url() + "/upload", "empty.txt", new byte[0], Map.of("output", "json"));
        Replies.assertText(again, Replies.fail("file size is zero"));
        assertEquals(before, Replies.storedFiles(server.dir()));
    }

    @Test
    void unknownOutputIsRefusedWithAnEnvelopeAndNothingIsStored() throws Exception {
        List<String> before = Replies.storedFiles(server.dir());
        Http.Resp r = Http.upload(server.url() + "/upload", "x.txt", bytes("xml please"), Map.of("output", "xml"));
        Replies.assertText(r, Replies.fail("output just support json or text or json2"));
        assertEquals(before, Replies.storedFiles(server.dir()));
    }

    @Test
    void multipartWithoutAFilePartIsRefused() throws Exception {
        Http.Resp r = new Http.Multipart().field("output", "json").field("scene", "x").post(server.url() + "/upload");
        Replies.assertText(r, Replies.fail("http: no such file"));
    }

    @Test
    void filePartWithoutAFilenameAttributeIsNoFile() throws Exception {
        Http.Resp r = new Http.Multipart().field("file", "just text").post(server.url() + "/upload");
        Replies.assertText(r, Replies.fail("http: no such file"));
    }

    @Test
    void postThatIsNotMultipartIsRefused() throws Exception {
        Http.Resp r = Http.postForm(server.url() + "/upload", Map.of("scene", "x"));
        Replies.assertText(r, Replies.fail("request Content-Type isn't multipart/form-data"));
    }

    @Test
    void getWithoutMd5ExplainsHowToUpload() throws Exception {
        Http.Resp r = Http.get(server.url() + "/upload");
        Replies.assertText(r, Replies.fail("(error) if you want to upload fast md5 is require,"
                + "and if you want to upload file,you must use post method  "));
    }

    @Test
    void aStoreFailureIsAnsweredWithTheFailEnvelopeAndLeavesNothing() throws Exception {
        try (TestServer own = TestServer.start()) {
            Files.writeString(own.dir().resolve("files/blocked"), "a file where the upload wants a directory");
            Http.Resp r = Http.upload(own.url() + "/upload", "a.txt", bytes("cannot be placed"), Map.of("path", "blocked/sub"));
            assertEquals(200, r.status());
            String message = (String) Replies.json(r).get("message");
            assertTrue(message.startsWith("(error)fail,FileSystemException: files/blocked/sub"), message);
            assertEquals("fail", Replies.json(r).get("status"));
            assertEquals(List.of(), Replies.tempFiles(own.dir()));
            assertEquals(List.of("blocked"), Replies.storedFiles(own.dir()));
        }
    }
}
