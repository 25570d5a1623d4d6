package io.jfastdfs.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Content-Disposition values (API.md §2.3): go-fastdfs's bare form for plain names, RFC 6266/5987 otherwise. */
class DispositionTest {

    @Test
    void plainAsciiNamesKeepTheGoFastdfsForm() {
        assertEquals("attachment;filename=hello.txt", Disposition.header("hello.txt"));
        assertEquals("attachment;filename=a b(1).txt", Disposition.header("a b(1).txt"));
    }

    @Test
    void otherNamesGetAQuotedFallbackAndAnEncodedUtf8Name() {
        assertEquals("attachment;filename=\"__.txt\";filename*=UTF-8''%E6%8A%A5%E5%91%8A.txt", Disposition.header("报告.txt"));
        assertEquals("attachment;filename=\"_.png\";filename*=UTF-8''%F0%9F%98%80.png", Disposition.header("😀.png"));
        assertEquals("attachment;filename=\"a_b.txt\";filename*=UTF-8''a%22b.txt", Disposition.header("a\"b.txt"));
        assertEquals("attachment;filename=\"a_b.txt\";filename*=UTF-8''a%5Cb.txt", Disposition.header("a\\b.txt"));
        assertEquals("attachment;filename=\"a,b;c.txt\";filename*=UTF-8''a%2Cb%3Bc.txt", Disposition.header("a,b;c.txt"));
        assertEquals("attachment;filename=\"a__b\";filename*=UTF-8''a%0D%0Ab",
                Disposition.header("a\r\nb"));
    }
}
