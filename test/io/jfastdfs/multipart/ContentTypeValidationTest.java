package io.jfastdfs.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypeValidationTest {
    private static final String NOT_MULTIPART = "request Content-Type isn't multipart/form-data";
    private static final String NO_BOUNDARY = "no multipart boundary param in Content-Type";

    private static String rejection(String contentType) {
        return assertThrows(MultipartException.class,
                () -> new MultipartReader(new ByteArrayInputStream(new byte[0]), contentType)).getMessage();
    }

    @Test
    void otherMediaTypesAreNotMultipart() {
        for (String ct : new String[] {null, "", "application/json", "text/plain; boundary=x",
                "application/x-www-form-urlencoded", "multipart/mixed; boundary=x",
                "multipart/form-datax; boundary=x"}) {
            assertEquals(NOT_MULTIPART, rejection(ct), String.valueOf(ct));
        }
    }

    @Test
    void missingOrEmptyBoundaryIsRejected() {
        for (String ct : new String[] {"multipart/form-data", "multipart/form-data;",
                "multipart/form-data; charset=utf-8", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"abc"}) {
            assertEquals(NO_BOUNDARY, rejection(ct), ct);
        }
    }

    @Test
    void boundaryOver70CharactersIsRejected() throws MultipartException {
        assertEquals(NO_BOUNDARY, rejection("multipart/form-data; boundary=" + "b".repeat(71)));
        new MultipartReader(new ByteArrayInputStream(new byte[0]), "multipart/form-data; boundary=" + "b".repeat(70));
    }

    @Test
    void boundaryWithControlOrNonAsciiCharactersIsRejected() {
        assertEquals(NO_BOUNDARY, rejection("multipart/form-data; boundary=\"a\tb\""));
        assertEquals(NO_BOUNDARY, rejection("multipart/form-data; boundary=aé"));
    }

    @Test
    void mediaTypeAndParameterNamesAreCaseInsensitive() throws IOException {
        byte[] body = new FormBody("XyZ").field("a", "1").close();
        ReadPart p = ReadPart.only(body, "Multipart/Form-Data; BOUNDARY=XyZ");
        assertEquals("a", p.name());
        assertArrayEquals("1".getBytes(StandardCharsets.UTF_8), p.body());
    }

    @Test
    void quotedBoundaryWithSpacesAndColonsWorks() throws IOException {
        String boundary = "simple boundary:=+?/";
        byte[] body = new FormBody(boundary).field("a", "1").close();
        assertEquals("a", ReadPart.only(body, "multipart/form-data; boundary=\"" + boundary + "\"").name());
    }

    @Test
    void boundaryMayFollowOtherParameters() throws IOException {
        byte[] body = new FormBody("xyz").field("a", "1").close();
        assertEquals("a", ReadPart.only(body, "multipart/form-data ; charset=utf-8;boundary=xyz ").name());
    }
}
