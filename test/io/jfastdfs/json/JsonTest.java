package io.jfastdfs.json;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two output shapes of API.md §1.3, byte for byte, and the parser's strictness. */
class JsonTest {

    /** An object with its fields in the order given. */
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void prettySortsKeysAtEveryLevelIndentsTwoSpacesAndEndsWithoutNewline() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Sys.NumCpu", 4L);
        data.put("Fs.Peers", null);
        data.put("Fs.FileStats", List.of(obj("totalSize", 61L, "date", "all", "fileCount", 3L)));
        data.put("Fs.Empty", List.of());
        data.put("Sys.MemInfo", Map.of());
        assertEquals("""
                {
                  "data": {
                    "Fs.Empty": [],
                    "Fs.FileStats": [
                      {
                        "date": "all",
                        "fileCount": 3,
                        "totalSize": 61
                      }
                    ],
                    "Fs.Peers": null,
                    "Sys.MemInfo": {},
                    "Sys.NumCpu": 4
                  },
                  "message": "",
                  "status": "ok"
                }""", Json.pretty(obj("status", "ok", "message", "", "data", data)));
    }

    @Test
    void keysSortByteWiseSoUpperCaseComesFirst() {
        assertEquals("{\n  \"commitLimit\": 1,\n  \"committedAS\": 2\n}",
                Json.pretty(obj("committedAS", 2L, "commitLimit", 1L)));
    }

    @Test
    void compactKeepsFieldOrderAndHasNoSpaces() {
        assertEquals("{\"name\":\"a b.txt\",\"size\":3,\"peers\":[\"http://x\"],\"offset\":-1}",
                Json.compact(obj("name", "a b.txt", "size", 3L, "peers", List.of("http://x"), "offset", -1L)));
    }

    @Test
    void stringsEscapeAsGoDoes() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\\u003c\\u003e\\u0026\\u2028\\u2029é中\"",
                Json.compact("a\"b\\c\n\r\t\u0001\u001f<>&\u2028\u2029é中"));
    }

    @Test
    void fractionsAreShortestWithoutExponentInGosRange() {
        assertEquals("0.1", Json.number(0.1));
        assertEquals("3", Json.number(3.0));
        assertEquals("0.000001", Json.number(1e-6));
        assertEquals("1e-7", Json.number(1e-7));
        assertEquals("100000000000000000000", Json.number(1e20));
        assertEquals("1e+21", Json.number(1e21));
    }

    @Test
    void parsesWhatItWrites() {
        Object v = Json.parse("{\"a\": [1, -2.5, true, null, \"\\u00e9\\n\"], \"b\": {}}");
        assertEquals(obj("a", java.util.Arrays.asList(1L, -2.5, true, null, "é\n"), "b", Map.of()), v);
        assertEquals(12345678901234567890.0, Json.parse("12345678901234567890"));
    }

    @Test
    void refusesWhatGosDecoderRefuses() {
        for (String bad : List.of("01", "[-]", "1.", ".5", "+1", "1e", "\"\\u+04a\"", "\"\\u-001\"", "\"\\u00g0\"",
                "1\u0663", "{\"a\":1,}", "[1,]", "{'a':1}", "tru", "\"a\nb\"", "[1] 2")) {
            assertThrows(JsonException.class, () -> Json.parse(bad), bad);
        }
    }
}
