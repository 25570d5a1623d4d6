package io.jfastdfs.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough ASN.1 DER to rewrap private keys: read tag-length-value elements and write the few
 * types a PKCS#8 wrapper needs. Malformed input is an IllegalArgumentException.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** Context-specific constructed [0], e.g. the curve inside a SEC1 EC key. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {}

    /** One element: its tag byte and content octets. */
    record Element(int tag, byte[] content) {
        List<Element> children() {
            return readAll(content);
        }

        String oid() {
            if (tag != OID) throw new IllegalArgumentException("expected an OID, found tag 0x" + Integer.toHexString(tag));
            return decodeOid(content);
        }
    }

    /** The single element that makes up {@code der} (trailing bytes are an error). */
    static Element read(byte[] der) {
        List<Element> all = readAll(der);
        if (all.size() != 1) throw new IllegalArgumentException("expected one DER element, found " + all.size());
        return all.get(0);
    }

    static List<Element> readAll(byte[] data) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int tag = data[i++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) throw new IllegalArgumentException("multi-byte DER tags are not used in keys");
            if (i >= data.length) throw new IllegalArgumentException("DER element without a length");
            int len = data[i++] & 0xFF;
            if (len >= 0x80) {
                int n = len & 0x7F;
                if (n == 0 || n > 3 || i + n > data.length) throw new IllegalArgumentException("bad DER length");
                len = 0;
                for (int k = 0; k < n; k++) len = (len << 8) | (data[i++] & 0xFF);
            }
            if (len > data.length - i) throw new IllegalArgumentException("DER element longer than its input");
            byte[] content = new byte[len];
            System.arraycopy(data, i, content, 0, len);
            out.add(new Element(tag, content));
            i += len;
        }
        return out;
    }

    /** An element of {@code tag} whose content is the concatenation of {@code parts}. */
    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = body.size();
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] smallInteger(int v) {
        return encode(INTEGER, new byte[] {(byte) v});
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) writeBase128(out, Long.parseLong(arcs[i]));
        return encode(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long v) {
        int groups = 1;
        while (v >>> (7 * groups) != 0) groups++;
        for (int g = groups - 1; g >= 0; g--) out.write((int) ((v >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
    }

    private static String decodeOid(byte[] c) {
        if (c.length == 0) throw new IllegalArgumentException("empty OID");
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (byte b : c) {
            v = (v << 7) | (b & 0x7F);
            if ((b & 0x80) != 0) continue;
            if (first) {
                long top = Math.min(v / 40, 2);
                sb.append(top).append('.').append(v - top * 40);
                first = false;
            } else {
                sb.append('.').append(v);
            }
            v = 0;
        }
        return sb.toString();
    }
}
