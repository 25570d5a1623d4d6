package io.jfastdfs.tus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** MD5 (RFC 1321) with exportable state; see {@link ResumableDigest}. */
final class Md5State extends ResumableDigest {
    static final byte ID = 1;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] K = new int[64];

    static {
        for (int i = 0; i < 64; i++) K[i] = (int) (long) Math.floor(Math.abs(StrictMath.sin(i + 1)) * 4294967296.0);
    }

    private final int[] x = new int[16];

    Md5State() {
        super(ID, false, new int[] {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476});
    }

    @Override
    void compress(int[] s, byte[] b, int off) {
        int[] m = x;
        for (int i = 0; i < 16; i++) m[i] = (int) LE_INT.get(b, off + 4 * i);
        int a = s[0];
        int bb = s[1];
        int c = s[2];
        int d = s[3];
        for (int i = 0; i < 16; i += 4) {
            a = bb + Integer.rotateLeft(a + ((bb & c) | (~bb & d)) + K[i] + m[i], 7);
            d = a + Integer.rotateLeft(d + ((a & bb) | (~a & c)) + K[i + 1] + m[i + 1], 12);
            c = d + Integer.rotateLeft(c + ((d & a) | (~d & bb)) + K[i + 2] + m[i + 2], 17);
            bb = c + Integer.rotateLeft(bb + ((c & d) | (~c & a)) + K[i + 3] + m[i + 3], 22);
        }
        for (int i = 16; i < 32; i += 4) {
            a = bb + Integer.rotateLeft(a + ((bb & d) | (c & ~d)) + K[i] + m[(5 * i + 1) & 15], 5);
            d = a + Integer.rotateLeft(d + ((a & c) | (bb & ~c)) + K[i + 1] + m[(5 * i + 6) & 15], 9);
            c = d + Integer.rotateLeft(c + ((d & bb) | (a & ~bb)) + K[i + 2] + m[(5 * i + 11) & 15], 14);
            bb = c + Integer.rotateLeft(bb + ((c & a) | (d & ~a)) + K[i + 3] + m[(5 * i + 16) & 15], 20);
        }
        for (int i = 32; i < 48; i += 4) {
            a = bb + Integer.rotateLeft(a + (bb ^ c ^ d) + K[i] + m[(3 * i + 5) & 15], 4);
            d = a + Integer.rotateLeft(d + (a ^ bb ^ c) + K[i + 1] + m[(3 * i + 8) & 15], 11);
            c = d + Integer.rotateLeft(c + (d ^ a ^ bb) + K[i + 2] + m[(3 * i + 11) & 15], 16);
            bb = c + Integer.rotateLeft(bb + (c ^ d ^ a) + K[i + 3] + m[(3 * i + 14) & 15], 23);
        }
        for (int i = 48; i < 64; i += 4) {
            a = bb + Integer.rotateLeft(a + (c ^ (bb | ~d)) + K[i] + m[(7 * i) & 15], 6);
            d = a + Integer.rotateLeft(d + (bb ^ (a | ~c)) + K[i + 1] + m[(7 * i + 7) & 15], 10);
            c = d + Integer.rotateLeft(c + (a ^ (d | ~bb)) + K[i + 2] + m[(7 * i + 14) & 15], 15);
            bb = c + Integer.rotateLeft(bb + (d ^ (c | ~a)) + K[i + 3] + m[(7 * i + 21) & 15], 21);
        }
        s[0] += a;
        s[1] += bb;
        s[2] += c;
        s[3] += d;
    }
}
