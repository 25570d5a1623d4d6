package io.jfastdfs.tls;

import io.jfastdfs.config.ConfigException;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.TestCerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conf/server.crt + conf/server.key in the forms openssl writes (API.md §6.8). The fixtures were made
 * with OpenSSL 3.0 (100-year validity, test use only):
 * <pre>
 * openssl genrsa -traditional -out rsa-pkcs1.key 2048
 * openssl req -new -x509 -key rsa-pkcs1.key -out rsa.crt -days 36500 -subj "/CN=jfastdfs rsa fixture"
 * openssl pkcs8 -topk8 -nocrypt -in rsa-pkcs1.key -out rsa-pkcs8.key
 * openssl ecparam -name prime256v1 -genkey -out ec-sec1.key      (EC PARAMETERS + EC PRIVATE KEY)
 * openssl req -new -x509 -key ec-sec1.key -out ec.crt -days 36500 -subj "/CN=jfastdfs ec fixture"
 * openssl genpkey -algorithm ed25519 -out ed25519.key; openssl req -new -x509 -key ed25519.key -out ed25519.crt …
 * openssl req -new -x509 -newkey rsa:2048 -nodes -keyout /dev/null -out other-rsa.crt …
 * openssl genrsa -traditional -aes128 -passout pass:secret -out rsa-encrypted.key 2048
 * openssl pkcs8 -topk8 -v2 aes-128-cbc -in ec-sec1.key -passout pass:secret -out ec-encrypted-pkcs8.key
 * </pre>
 */
class TlsContextTest {
    Path conf;

    @BeforeEach
    void makeDir() throws IOException {
        conf = Files.createTempDirectory("jfastdfs-tls");
    }

    @AfterEach
    void removeDir() {
        Files2.deleteTree(conf);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TlsContextTest.class.getResourceAsStream("fixtures/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private TlsContext load(String crtPem, String keyPem) throws Exception {
        Files.writeString(conf.resolve("server.crt"), crtPem);
        Files.writeString(conf.resolve("server.key"), keyPem);
        return TlsContext.load(conf);
    }

    private void assertRefused(String crtPem, String keyPem, String file, String... mentioned) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(crtPem, keyPem));
        assertTrue(e.getMessage().contains(conf.resolve(file).toString()), e.getMessage());
        for (String m : mentioned) assertTrue(e.getMessage().contains(m), e.getMessage());
    }

    @Test
    void opensslKeysInEveryUnencryptedFormLoadWithTheirCertificates() throws Exception {
        assertEquals("TLS", load(fixture("rsa.crt"), fixture("rsa-pkcs1.key")).server().getProtocol());
        assertNotNull(load(fixture("rsa.crt"), fixture("rsa-pkcs8.key")).server());
        assertNotNull(load(fixture("ec.crt"), fixture("ec-sec1.key")).server());
        assertNotNull(load(fixture("ed25519.crt"), fixture("ed25519.key")).server());
        assertTrue(load(fixture("rsa.crt"), fixture("rsa-pkcs1.key")).warnings().isEmpty());
    }

    @Test
    void ecKeyNamingItsCurveOnlyInTheParametersBlockLoads() throws Exception {
        String pem = fixture("ec-sec1.key");
        List<Pem.Block> blocks = Pem.parse(pem);
        byte[] sec1 = blocks.get(1).der();
        List<byte[]> fields = TestCerts.children(sec1); // {version, key, [0] curve, [1] public key}
        byte[] withoutCurve = TestCerts.tlv(0x30, fields.get(0), fields.get(1), fields.get(3));
        String params = TestCerts.pem("EC PARAMETERS", blocks.get(0).der());
        assertNotNull(load(fixture("ec.crt"), params + TestCerts.pem("EC PRIVATE KEY", withoutCurve)).server());
        assertRefused(fixture("ec.crt"), TestCerts.pem("EC PRIVATE KEY", withoutCurve), "server.key", "curve");
    }

    @Test
    void aKeyOfAnotherCertificateStopsStartNamingBothFiles() throws Exception {
        assertRefused(fixture("other-rsa.crt"), fixture("rsa-pkcs1.key"), "server.key", "does not belong",
                conf.resolve("server.crt").toString());
        assertRefused(fixture("ec.crt"), fixture("rsa-pkcs8.key"), "server.key", "does not belong");
    }

    @Test
    void encryptedKeysAreRefusedWithAHint() throws Exception {
        assertRefused(fixture("rsa.crt"), fixture("rsa-encrypted.key"), "server.key", "encrypted", "openssl pkey");
        assertRefused(fixture("ec.crt"), fixture("ec-encrypted-pkcs8.key"), "server.key", "encrypted");
    }

    @Test
    void missingOrUnreadableFilesAreNamed() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> TlsContext.load(conf));
        assertTrue(missing.getMessage().contains(conf.resolve("server.crt").toString()), missing.getMessage());
        Files.writeString(conf.resolve("server.crt"), fixture("rsa.crt"));
        ConfigException noKey = assertThrows(ConfigException.class, () -> TlsContext.load(conf));
        assertTrue(noKey.getMessage().contains(conf.resolve("server.key").toString()), noKey.getMessage());
        assertRefused("not a certificate", fixture("rsa-pkcs1.key"), "server.crt", "no PEM certificate");
        assertRefused(fixture("rsa.crt"), fixture("rsa.crt"), "server.key", "no PEM private key");
        assertRefused(fixture("rsa.crt"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "server.key");
        assertRefused(fixture("rsa.crt"), "-----BEGIN RSA PRIVATE KEY-----\n!!!\n-----END RSA PRIVATE KEY-----\n",
                "server.key", "base64");
        assertRefused(fixture("rsa.crt"), fixture("rsa-pkcs1.key") + fixture("rsa-pkcs8.key"), "server.key",
                "more than one");
    }
}
