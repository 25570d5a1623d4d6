package io.jfastdfs.api;

import io.jfastdfs.auth.Base32;
import io.jfastdfs.auth.Totp;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;

/** {G}/gen_google_secret and {G}/gen_google_code (API.md §2.16, admin only). */
final class GoogleAuthHandler {
    static final String INVALID_SECRET = "invalid secret";

    /** A fresh SecureRandom secret (go-fastdfs seeded its generator with the clock). */
    Reply secret(Request req) {
        return Reply.envelope("ok", "ok", Totp.newSecret());
    }

    /** The current code for {@code secret}; a missing or non-base32 secret fails instead of yielding a code. */
    Reply code(Request req) {
        byte[] key;
        try {
            key = Base32.decode(req.param("secret"));
        } catch (IllegalArgumentException e) {
            throw ApiError.fail(400, INVALID_SECRET);
        }
        if (key.length == 0) throw ApiError.fail(400, INVALID_SECRET);
        return Reply.envelope("ok", "ok", Totp.code(key, System.currentTimeMillis() / 1000));
    }
}
