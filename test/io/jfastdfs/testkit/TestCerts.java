package io.jfastdfs.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for TLS tests, made by the JDK's keytool (no openssl needed) once per JVM,
 * valid for 127.0.0.1–127.0.0.3 and localhost, with the private key in each PEM form jfastdfs reads.
 */
public final class TestCerts {
    private static final String PASS = "changeit";
    private static Cert rsa;
    private static Cert ec;

    private TestCerts() {}

    /** A certificate and its key. */
    public record Cert(X509Certificate cert, PrivateKey key) {
        public String certPem() {
            try {
                return pem("CERTIFICATE", cert.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** "PRIVATE KEY" (PKCS#8), as the JDK encodes keys. */
        public String pkcs8Pem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** "RSA PRIVATE KEY" (PKCS#1): the key octets inside the PKCS#8 wrapper. */
        public String pkcs1Pem() {
            return pem("RSA PRIVATE KEY", innerKey(key.getEncoded()));
        }

        /** "EC PRIVATE KEY" (SEC1) naming its curve in [0], as openssl writes it. */
        public String sec1Pem() {
            byte[] pkcs8 = key.getEncoded();
            List<byte[]> top = children(pkcs8);
            byte[] curve = children(top.get(1)).get(1); // AlgorithmIdentifier {ecPublicKey, curve OID}
            List<byte[]> sec1 = children(innerKey(pkcs8)); // {version, privateKey, ...}
            byte[] withCurve = tlv(0x30, sec1.get(0), sec1.get(1), tlv(0xA0, curve));
            return pem("EC PRIVATE KEY", withCurve);
        }

        /** Writes conf/server.crt and conf/server.key (key in {@code keyPem}) under {@code base}. */
        public void install(Path base, String keyPem) throws IOException {
            Files.createDirectories(base.resolve("conf"));
            Files.writeString(base.resolve("conf/server.crt"), certPem());
            Files.writeString(base.resolve("conf/server.key"), keyPem);
        }

        /** A server context presenting this certificate (for fake TLS servers in tests). */
        public SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("test", key, PASS.toCharArray(), new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASS.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }

        /** A client context trusting only this certificate. */
        public SSLContext trusting() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("test", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
    }

    public static synchronized Cert rsa() throws Exception {
        if (rsa == null) rsa = generate("-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");
        return rsa;
    }

    public static synchronized Cert ec() throws Exception {
        if (ec == null) ec = generate("-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA");
        return ec;
    }

    private static Cert generate(String... keyArgs) throws Exception {
        Path dir = Files.createTempDirectory("jfastdfs-cert");
        try {
            Path store = dir.resolve("k.p12");
            List<String> cmd = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", "node", "-validity", "2",
                    "-dname", "CN=jfastdfs test", "-ext", "SAN=ip:127.0.0.1,ip:127.0.0.2,ip:127.0.0.3,dns:localhost",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS,
                    "-noprompt"));
            cmd.addAll(List.of(keyArgs));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASS.toCharArray());
            }
            return new Cert((X509Certificate) ks.getCertificate("node"), (PrivateKey) ks.getKey("node", PASS.toCharArray()));
        } finally {
            Files2.deleteTree(dir);
        }
    }

    /** keytool of the JDK that runs the tests (build.sh exports it as JFASTDFS_JAVA). */
    private static String keytool() {
        String java = System.getenv("JFASTDFS_JAVA");
        Path bin = java != null ? Path.of(java).getParent() : Path.of(System.getProperty("java.home"), "bin");
        return bin.resolve("keytool").toString();
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The OCTET STRING privateKey of a PKCS#8 PrivateKeyInfo {version, algorithm, privateKey, ...}. */
    public static byte[] innerKey(byte[] pkcs8) {
        return content(children(pkcs8).get(2));
    }

    /** The elements inside a constructed DER element (whole TLVs). */
    public static List<byte[]> children(byte[] element) {
        byte[] c = content(element);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < c.length; ) {
            int[] h = header(c, i);
            int end = i + h[0] + h[1];
            byte[] e = new byte[end - i];
            System.arraycopy(c, i, e, 0, e.length);
            out.add(e);
            i = end;
        }
        return out;
    }

    /** A DER element of {@code tag} holding {@code parts}. */
    public static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = body.size();
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] content(byte[] element) {
        int[] h = header(element, 0);
        byte[] c = new byte[h[1]];
        System.arraycopy(element, h[0], c, 0, h[1]);
        return c;
    }

    /** {header length, content length} of the element at {@code at}. */
    private static int[] header(byte[] d, int at) {
        int len = d[at + 1] & 0xFF;
        if (len < 0x80) return new int[] {2, len};
        int n = len & 0x7F;
        int v = 0;
        for (int k = 0; k < n; k++) v = (v << 8) | (d[at + 2 + k] & 0xFF);
        return new int[] {2 + n, v};
    }
}
