package io.jfastdfs.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Percent-coding as URLs, forms and the URLs of upload replies need it (API.md §1.2, §2.1). */
class UrlCodecTest {

    @Test
    void decodingIsUtf8AndPlusIsASpaceOnlyInForms() {
        assertEquals("报告 1.txt", UrlCodec.decode("%E6%8A%A5%E5%91%8A%201.txt", false));
        assertEquals("a+b", UrlCodec.decode("a+b", false));
        assertEquals("a b", UrlCodec.decode("a+b", true));
        assertEquals("%zz%4", UrlCodec.decode("%zz%4", false), "a malformed escape stays text");
        assertEquals("%2e", UrlCodec.decode("%252e", false), "decoded once only");
    }

    @Test
    void rawUtf8BytesReadAsLatin1DecodeLikeTheirEscapedForm() {
        String latin1 = new String("café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("café", UrlCodec.decode(latin1, false));
    }

    @Test
    void formsKeepTheFirstValueOfARepeatedName() {
        Map<String, String> m = new LinkedHashMap<>();
        UrlCodec.parseForm("a=1&b=%E4%B8%AD&a=2&flag&=x&&c=a%26b", m);
        assertEquals(Map.of("a", "1", "b", "中", "flag", "", "", "x", "c", "a&b"), m);
    }

    @Test
    void componentsEscapeEverythingOutsideUnreserved() {
        assertEquals("a%20b%26c%3Dd%2F%25%23~-._", UrlCodec.encodeComponent("a b&c=d/%#~-._"));
        assertEquals("%E6%8A%A5%F0%9F%98%80", UrlCodec.encodeComponent("报😀"));
        assertEquals("plain.txt", UrlCodec.encodeComponent("plain.txt"));
    }

    @Test
    void pathsEscapeEachSegmentKeepingPcharAndSlashes() {
        assertEquals("/group1/a%20b/c%23d/x&y=z:@!$'()*+,;.txt",
                UrlCodec.encodePath("/group1/a b/c#d/x&y=z:@!$'()*+,;.txt"));
        assertEquals("/g/%25/%3F", UrlCodec.encodePath("/g/%/?"));
    }
}
