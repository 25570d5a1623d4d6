package io.jfastdfs.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** go-fastdfs's JsonResult: exactly the keys data, message, status. */
public final class Envelope {
    private Envelope() {}

    public static Map<String, Object> of(String status, String message, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("message", message);
        m.put("status", status);
        return m;
    }
}
