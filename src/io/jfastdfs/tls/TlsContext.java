package io.jfastdfs.tls;

import io.jfastdfs.config.ConfigException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for {@code enable_https} (API.md §6.8): the server's identity from {@code conf/server.crt}
 * (PEM chain, leaf first) and {@code conf/server.key}, and the trust used when calling peers, which
 * accepts the JDK's default CAs plus every certificate of the node's own chain (so a group sharing a
 * self-signed certificate, or a private CA listed in each node's chain, works without a trust store).
 */
public final class TlsContext {
    private final SSLContext server;
    private final SSLContext peers;
    private final List<String> warnings;

    private TlsContext(SSLContext server, SSLContext peers, List<String> warnings) {
        this.server = server;
        this.peers = peers;
        this.warnings = warnings;
    }

    /** Loads {@code confDir}/server.crt and server.key; any problem is a ConfigException naming the file. */
    public static TlsContext load(Path confDir) throws ConfigException {
        Path crtFile = confDir.resolve("server.crt");
        Path keyFile = confDir.resolve("server.key");
        List<X509Certificate> chain = certificates(crtFile);
        PrivateKey key;
        try {
            key = PrivateKeys.read(Pem.parse(read(keyFile)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyFile + " " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ConfigException(keyFile + " holds a malformed private key (" + e + ")");
        }
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new ConfigException(keyFile + " does not belong to the first certificate of " + crtFile
                    + " (" + chain.get(0).getSubjectX500Principal() + ")");
        }
        List<String> warnings = new ArrayList<>();
        try {
            chain.get(0).checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            warnings.add(crtFile + ": the certificate is not valid now (valid " + chain.get(0).getNotBefore()
                    + " to " + chain.get(0).getNotAfter() + "); clients will refuse it");
        }
        try {
            return new TlsContext(serverContext(key, chain), peerContext(chain), List.copyOf(warnings));
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(crtFile + ", " + keyFile + ": cannot set up TLS: " + e.getMessage());
        }
    }

    /** What the HTTPS server presents. */
    public SSLContext server() {
        return server;
    }

    /** What calls to peers (and alarm mail) trust: the JDK's CAs and this node's own chain. */
    public SSLContext peers() {
        return peers;
    }

    /** Problems worth logging that do not stop the start (an expired certificate). */
    public List<String> warnings() {
        return warnings;
    }

    private static List<X509Certificate> certificates(Path file) throws ConfigException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Pem.Block b : Pem.parse(read(file))) {
                if (!b.label().equals("CERTIFICATE")) continue;
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        } catch (IllegalArgumentException | CertificateException e) {
            throw new ConfigException(file + " holds no readable PEM certificate chain: " + e.getMessage());
        }
        if (chain.isEmpty()) throw new ConfigException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return chain;
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read (enable_https needs conf/server.crt and conf/server.key): " + e);
        }
    }

    /** True when {@code key} signs what {@code pub} verifies: the pair belongs together. */
    static boolean matches(PrivateKey key, PublicKey pub) {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature signer = signature(key.getAlgorithm());
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = signature(key.getAlgorithm());
            verifier.initVerify(pub);
            verifier.update(probe);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
        return switch (keyAlgorithm) {
            case "RSA" -> Signature.getInstance("SHA256withRSA");
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            case "RSASSA-PSS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield s;
            }
            default -> Signature.getInstance(keyAlgorithm); // EdDSA, Ed25519, Ed448
        };
    }

    private static SSLContext serverContext(PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException, IOException {
        char[] password = UUID.randomUUID().toString().toCharArray(); // never leaves memory
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static SSLContext peerContext(List<X509Certificate> chain) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int n = 0;
        for (X509Certificate ca : defaultTrust().getAcceptedIssuers()) trust.setCertificateEntry("ca" + n++, ca);
        for (X509Certificate own : chain) trust.setCertificateEntry("own" + n++, own);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
