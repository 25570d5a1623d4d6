package io.jfastdfs.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * Reads the private key of a PEM file in any of the three forms in use: PKCS#8 "PRIVATE KEY" (RSA,
 * RSASSA-PSS, EC, Ed25519/Ed448), PKCS#1 "RSA PRIVATE KEY" and SEC1 "EC PRIVATE KEY" (with the curve
 * in the key or in a preceding "EC PARAMETERS" block, as {@code openssl ecparam -genkey} writes it).
 * The JDK reads only PKCS#8, so the older forms are wrapped into PKCS#8 first.
 */
final class PrivateKeys {
    static final String RSA_OID = "1.2.840.113549.1.1.1";
    static final String RSA_PSS_OID = "1.2.840.113549.1.1.10";
    static final String EC_OID = "1.2.840.10045.2.1";
    static final String ED25519_OID = "1.3.101.112";
    static final String ED448_OID = "1.3.101.113";

    private PrivateKeys() {}

    /** The one private key among {@code blocks}; IllegalArgumentException says what is wrong. */
    static PrivateKey read(List<Pem.Block> blocks) {
        byte[] curve = null;
        PrivateKey found = null;
        for (Pem.Block b : blocks) {
            PrivateKey k = switch (b.label()) {
                case "PRIVATE KEY" -> fromPkcs8(b.der());
                case "RSA PRIVATE KEY" -> fromPkcs8(rsaToPkcs8(unencrypted(b).der()));
                case "EC PRIVATE KEY" -> fromPkcs8(sec1ToPkcs8(unencrypted(b).der(), curve));
                case "EC PARAMETERS" -> {
                    curve = b.der();
                    yield null;
                }
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted();
                default -> null;
            };
            if (k == null) continue;
            if (found != null) throw new IllegalArgumentException("holds more than one private key");
            found = k;
        }
        if (found == null) {
            throw new IllegalArgumentException("holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        return found;
    }

    /** PKCS#1 RSAPrivateKey → PrivateKeyInfo {0, {rsaEncryption, NULL}, OCTET STRING key}. */
    static byte[] rsaToPkcs8(byte[] pkcs1) {
        Der.read(pkcs1); // a well-formed element, or an error naming the problem
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.oid(RSA_OID), Der.encode(Der.NULL));
        return Der.encode(Der.SEQUENCE, Der.smallInteger(0), algorithm, Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * SEC1 ECPrivateKey {1, d, [0] curve, [1] public} → PrivateKeyInfo {0, {ecPublicKey, curve}, OCTET
     * STRING key}; {@code paramsBlock} (an "EC PARAMETERS" OID) names the curve when the key does not.
     */
    static byte[] sec1ToPkcs8(byte[] sec1, byte[] paramsBlock) {
        Der.Element key = Der.read(sec1);
        if (key.tag() != Der.SEQUENCE) throw new IllegalArgumentException("EC PRIVATE KEY is not a DER SEQUENCE");
        byte[] curve = null;
        for (Der.Element e : key.children()) {
            if (e.tag() == Der.CONTEXT_0) curve = Der.encode(Der.OID, e.children().get(0).content());
        }
        if (curve == null && paramsBlock != null) {
            Der.Element p = Der.read(paramsBlock);
            if (p.tag() != Der.OID) throw new IllegalArgumentException("EC PARAMETERS must name a curve (explicit curve parameters are not supported)");
            curve = Der.encode(Der.OID, p.content());
        }
        if (curve == null) throw new IllegalArgumentException("EC PRIVATE KEY does not name its curve");
        Der.read(curve).oid(); // must be an OID, not explicit parameters
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.oid(EC_OID), curve);
        return Der.encode(Der.SEQUENCE, Der.smallInteger(0), algorithm, Der.encode(Der.OCTET_STRING, sec1));
    }

    static PrivateKey fromPkcs8(byte[] pkcs8) {
        List<Der.Element> fields = Der.read(pkcs8).children();
        if (fields.size() < 3) throw new IllegalArgumentException("PRIVATE KEY is not a PKCS#8 PrivateKeyInfo");
        String oid = fields.get(1).children().get(0).oid();
        String algorithm = switch (oid) {
            case RSA_OID -> "RSA";
            case RSA_PSS_OID -> "RSASSA-PSS";
            case EC_OID -> "EC";
            case ED25519_OID, ED448_OID -> "EdDSA";
            default -> throw new IllegalArgumentException("holds a key of an unsupported algorithm (OID " + oid + ")");
        };
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("holds an unreadable " + algorithm + " key: " + e.getMessage());
        }
    }

    private static Pem.Block unencrypted(Pem.Block b) {
        for (String h : b.headers()) if (h.startsWith("Proc-Type:") && h.contains("ENCRYPTED")) throw encrypted();
        return b;
    }

    private static IllegalArgumentException encrypted() {
        return new IllegalArgumentException("holds an encrypted private key; store it unencrypted"
                + " (e.g. openssl pkey -in server.key -out server.key.plain)");
    }
}
