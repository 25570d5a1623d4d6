package io.jfastdfs.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogRedactionTest {
    @Test
    void masksSecretBearingQueryValues() {
        assertEquals("/group1/reload?action=get&key=****** | 200",
                LogRedaction.redact("/group1/reload?action=get&key=0d6a-11 | 200"));
        assertEquals("/g/reload?key=******&action=set&cfg=******",
                LogRedaction.redact("/g/reload?key=abc&action=set&cfg=%7B%22admin_key%22%3A%22x%22%7D"));
        assertEquals("/g/a.txt?token=******&timestamp=1566783964&code=******&auth_token=******",
                LogRedaction.redact("/g/a.txt?token=f00&timestamp=1566783964&code=123456&auth_token=t"));
        assertEquals("/g/gen_google_code?secret=******#frag", LogRedaction.redact("/g/gen_google_code?secret=JBSW#frag"));
    }

    @Test
    void leavesOtherParametersAndLookalikesAlone() {
        for (String s : new String[] {"/g/upload?md5=abc&output=json", "/g/a.txt?monkey=1&keys=2", "/g/key=1/x.txt",
                "/g/search?kw=token", "no query at all", "", "/g/a?xkey=1"}) {
            assertEquals(s, LogRedaction.redact(s));
        }
        assertEquals(null, LogRedaction.redact(null));
    }
}
