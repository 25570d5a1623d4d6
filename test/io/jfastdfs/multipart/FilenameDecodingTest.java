package io.jfastdfs.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FilenameDecodingTest {

    /** The part parsed from a body whose Content-Disposition parameters are {@code params}. */
    private static ReadPart withDisposition(String params) throws IOException {
        FormBody form = new FormBody().part("x".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Disposition: form-data; " + params);
        return ReadPart.only(form.close(), form.contentType());
    }

    private static String filename(String params) throws IOException {
        return withDisposition(params).filename();
    }

    @Test
    void spacesAndBracketsAreKept() throws IOException {
        assertEquals("a b (1) [x].txt", filename("name=\"file\"; filename=\"a b (1) [x].txt\""));
    }

    @Test
    void rawUtf8ChineseAndEmojiNamesDecode() throws IOException {
        assertEquals("中文 文件.txt", filename("name=\"file\"; filename=\"中文 文件.txt\""));
        assertEquals("😀👍🏽.png", filename("name=\"file\"; filename=\"😀👍🏽.png\""));
        assertEquals("名字", withDisposition("name=\"名字\"").name());
    }

    @Test
    void escapedQuotesAndBackslashesAreUnescaped() throws IOException {
        assertEquals("say \"hi\".txt", filename("name=\"file\"; filename=\"say \\\"hi\\\".txt\""));
        assertEquals("a\\b.txt", filename("name=\"file\"; filename=\"a\\\\b.txt\""));
    }

    @Test
    void msiePathWithBareBackslashesIsKeptAsSent() throws IOException {
        assertEquals("C:\\Users\\x\\foo.txt", filename("name=\"file\"; filename=\"C:\\Users\\x\\foo.txt\""));
    }

    @Test
    void semicolonsAndEqualsInsideQuotesAreNotSeparators() throws IOException {
        ReadPart p = withDisposition("filename=\"a;b=c.txt\"; name=\"file\"");
        assertEquals("a;b=c.txt", p.filename());
        assertEquals("file", p.name());
    }

    @Test
    void percentSequencesInPlainFilenameAreNotDecoded() throws IOException {
        assertEquals("100%25 %22q%22.txt", filename("name=\"file\"; filename=\"100%25 %22q%22.txt\""));
    }

    @Test
    void unquotedTokensWork() throws IOException {
        ReadPart p = withDisposition("name=file; filename=plain.txt");
        assertEquals("file", p.name());
        assertEquals("plain.txt", p.filename());
    }

    @Test
    void extendedFilenameWinsOverPlainFilename() throws IOException {
        assertEquals("中.txt", filename("name=\"file\"; filename=\"fallback.txt\"; filename*=UTF-8''%E4%B8%AD.txt"));
        assertEquals("中.txt", filename("name=\"file\"; filename*=utf-8'zh'%E4%B8%AD.txt; filename=\"fallback.txt\""));
    }

    @Test
    void extendedFilenameAloneIsEnoughAndHonoursItsCharset() throws IOException {
        assertEquals("€ rate.txt", filename("name=\"file\"; filename*=UTF-8''%E2%82%AC%20rate.txt"));
        assertEquals("café.txt", filename("name=\"file\"; filename*=ISO-8859-1''caf%E9.txt"));
    }

    @Test
    void malformedExtendedFilenameFallsBackToPlainFilename() throws IOException {
        assertEquals("plain.txt", filename("name=\"file\"; filename=\"plain.txt\"; filename*=UTF-8''%E4%B"));
        assertEquals("plain.txt", filename("name=\"file\"; filename=\"plain.txt\"; filename*=no-such-charset''a.txt"));
        assertEquals("plain.txt", filename("name=\"file\"; filename=\"plain.txt\"; filename*=UTF-8%E4"));
        assertNull(filename("name=\"file\"; filename*=UTF-8''%ZZ"));
        // Arabic-Indic digits are digits to Character.digit, not hex to RFC 5987
        assertEquals("plain.txt", filename("name=\"file\"; filename=\"plain.txt\"; filename*=UTF-8''a%\u0661\u0662"));
    }
}
