package io.jfastdfs.tus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** SHA-1 (FIPS 180-4) with exportable state; see {@link ResumableDigest}. */
final class Sha1State extends ResumableDigest {
    static final byte ID = 2;
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int[] w = new int[80];

    Sha1State() {
        super(ID, true, new int[] {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0});
    }

    @Override
    void compress(int[] s, byte[] b, int off) {
        int[] m = w;
        for (int t = 0; t < 16; t++) m[t] = (int) BE_INT.get(b, off + 4 * t);
        for (int t = 16; t < 80; t++) m[t] = Integer.rotateLeft(m[t - 3] ^ m[t - 8] ^ m[t - 14] ^ m[t - 16], 1);
        int a = s[0];
        int bb = s[1];
        int c = s[2];
        int d = s[3];
        int e = s[4];
        for (int t = 0; t < 20; t++) {
            int tmp = Integer.rotateLeft(a, 5) + ((bb & c) | (~bb & d)) + e + 0x5a827999 + m[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = tmp;
        }
        for (int t = 20; t < 40; t++) {
            int tmp = Integer.rotateLeft(a, 5) + (bb ^ c ^ d) + e + 0x6ed9eba1 + m[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = tmp;
        }
        for (int t = 40; t < 60; t++) {
            int tmp = Integer.rotateLeft(a, 5) + ((bb & c) | (bb & d) | (c & d)) + e + 0x8f1bbcdc + m[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = tmp;
        }
        for (int t = 60; t < 80; t++) {
            int tmp = Integer.rotateLeft(a, 5) + (bb ^ c ^ d) + e + 0xca62c1d6 + m[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = tmp;
        }
        s[0] += a;
        s[1] += bb;
        s[2] += c;
        s[3] += d;
        s[4] += e;
    }
}
