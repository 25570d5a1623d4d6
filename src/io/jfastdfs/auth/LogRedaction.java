package io.jfastdfs.auth;

import java.util.regex.Pattern;

/**
 * Masks secrets that clients put in query strings before a request line reaches a log: the admin key
 * of {@code reload?key=}, a whole config in {@code reload?cfg=} (it holds every secret), a TOTP secret
 * in {@code gen_google_code?secret=}, and auth or download tokens. go-fastdfs logged them verbatim.
 */
public final class LogRedaction {
    static final String MASK = "******";
    private static final Pattern SECRET_PARAM =
            Pattern.compile("([?&](?:key|cfg|secret|auth_token|token|code)=)[^&#\\s]*");

    private LogRedaction() {}

    /** {@code text} with the values of secret-bearing query parameters replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null || (text.indexOf('?') < 0 && text.indexOf('&') < 0)) return text;
        return SECRET_PARAM.matcher(text).replaceAll("$1" + MASK);
    }
}
