package io.jfastdfs.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base32Test {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void encodesRfc4648TestVectors() {
        assertEquals("", Base32.encode(ascii("")));
        assertEquals("MY======", Base32.encode(ascii("f")));
        assertEquals("MZXQ====", Base32.encode(ascii("fo")));
        assertEquals("MZXW6===", Base32.encode(ascii("foo")));
        assertEquals("MZXW6YQ=", Base32.encode(ascii("foob")));
        assertEquals("MZXW6YTB", Base32.encode(ascii("fooba")));
        assertEquals("MZXW6YTBOI======", Base32.encode(ascii("foobar")));
    }

    @Test
    void decodesRfc4648TestVectorsWithAndWithoutPadding() {
        for (String plain : new String[] {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
            String padded = Base32.encode(ascii(plain));
            assertArrayEquals(ascii(plain), Base32.decode(padded), padded);
            assertArrayEquals(ascii(plain), Base32.decode(padded.replace("=", "")), padded);
        }
    }

    @Test
    void unpaddedSecretThatGoFastdfsRejectedIsAccepted() {
        assertArrayEquals(ascii("Hello!"), Base32.decode("JBSWY3DPEE"));
        assertArrayEquals(Base32.decode("JBSWY3DPEHPK3PXP"), Base32.decode("jbsw y3dp ehpk 3pxp"));
    }

    @Test
    void rejectsForeignCharactersBadLengthAndBadPadding() {
        for (String bad : new String[] {"JBSWY3D1", "JBSWY3D8", "JBSW-3DP", "A", "ABC", "ABCDEF", "MY=====",
                "MY=======", "M=Y=====", "MZXW6YTB========", "=", "MZXW6YT\u00c4"}) {
            assertThrows(IllegalArgumentException.class, () -> Base32.decode(bad), bad);
        }
    }

    @Test
    void errorMessagesDoNotEchoTheSecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Base32.decode("SECRETSECRET0"));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void randomBytesRoundTrip() {
        Random random = new Random(42);
        for (int len = 0; len < 40; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertArrayEquals(data, Base32.decode(Base32.encode(data)));
            assertArrayEquals(data, Base32.decode(Base32.encode(data).toLowerCase()));
        }
    }
}
