package io.jfastdfs.http;

import com.sun.net.httpserver.HttpExchange;
import io.jfastdfs.multipart.MultipartException;
import io.jfastdfs.multipart.MultipartReader;
import io.jfastdfs.multipart.Part;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as handlers see it: decoded path, parameters (query, urlencoded or multipart
 * body; the body wins, first value counts), headers and the resolved client.
 */
public final class Request {
    /** Urlencoded bodies above this are refused (go-fastdfs silently ignored them). */
    static final int MAX_FORM_BYTES = 10 * 1024 * 1024;

    private final HttpExchange exchange;
    private final String method;
    private final String path;
    private final Map<String, String> query = new HashMap<>();
    private final Client client;
    private Map<String, String> body;

    Request(HttpExchange exchange, String method, String path, Client client) {
        this.exchange = exchange;
        this.method = method;
        this.path = path;
        this.client = client;
        String rawQuery = exchange.getRequestURI().getRawQuery();
        UrlCodec.parseForm(rawQuery, query);
    }

    public String method() { return method; }
    /** The percent-decoded request path. */
    public String path() { return path; }
    public String rawQuery() { return exchange.getRequestURI().getRawQuery(); }
    public Client client() { return client; }
    public HttpExchange exchange() { return exchange; }

    public String header(String name) {
        String v = exchange.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    public String contentType() {
        return header("Content-Type");
    }

    public InputStream body() {
        return exchange.getRequestBody();
    }

    /** A parameter from the body or the query string, or "" when absent. */
    public String param(String name) {
        String v = bodyParams().get(name);
        if (v == null) v = query.get(name);
        return v == null ? "" : v;
    }

    public boolean hasParam(String name) {
        return bodyParams().containsKey(name) || query.containsKey(name);
    }

    /** Query parameters only (the body is left unread). */
    public Map<String, String> queryParams() {
        return query;
    }

    /** Every parameter, body values over query values. */
    public Map<String, String> params() {
        Map<String, String> all = new HashMap<>(query);
        all.putAll(bodyParams());
        return all;
    }

    /** Base URL of this server as the client addressed it: scheme://host[:port]. */
    public String baseUrl() {
        return client.scheme() + "://" + client.host();
    }

    /** Receives the file parts of a multipart body in order; what it leaves unread of a part is skipped. */
    @FunctionalInterface
    public interface FileParts {
        void accept(Part part) throws IOException;
    }

    /**
     * Reads a multipart body in one streaming pass, wherever the fields stand: the fields become this
     * request's body parameters (first value counts; 10 MB in all, like an urlencoded body), the file
     * parts go to {@code files}. The caller maps the parser's and the stream's exceptions.
     */
    public void readMultipart(FileParts files) throws IOException {
        Map<String, String> fields = new HashMap<>();
        body = fields; // a failure halfway leaves the fields read so far, never a second parse
        MultipartReader r = new MultipartReader(exchange.getRequestBody(), contentType());
        long total = 0;
        for (Part p = r.next(); p != null; p = r.next()) {
            if (p.filename() != null) {
                files.accept(p);
            } else if (!fields.containsKey(p.name())) { // a repeated name's value is skipped unread
                String v = p.text();
                total += v.length();
                if (total > MAX_FORM_BYTES) throw tooLarge();
                fields.put(p.name(), v);
            }
        }
    }

    private Map<String, String> bodyParams() {
        if (body != null) return body;
        body = new HashMap<>();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("DELETE")) return body;
        String ct = contentType().toLowerCase(Locale.ROOT);
        try {
            if (ct.startsWith("application/x-www-form-urlencoded")) {
                byte[] b = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
                if (b.length > MAX_FORM_BYTES) throw tooLarge();
                UrlCodec.parseForm(new String(b, StandardCharsets.UTF_8), body);
            } else if (ct.startsWith("multipart/form-data")) {
                readMultipart(p -> { });
            }
        } catch (MultipartException e) {
            throw ApiError.real(400, "(error)" + e.getMessage());
        } catch (IOException e) {
            throw ApiError.real(400, "(error)cannot read request body: " + e.getMessage());
        }
        return body;
    }

    private static ApiError tooLarge() {
        return ApiError.real(413, "(error)request body too large");
    }
}
