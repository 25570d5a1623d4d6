package io.jfastdfs.tus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A content digest whose intermediate state can be saved and restored, so a tus upload is hashed
 * while it is received, across PATCH requests and server restarts, and never read again to finish.
 * (java.security.MessageDigest cannot export its state.) {@link #state()} is what gets persisted
 * with the upload's offset. This class is the Merkle–Damgård frame MD5 and SHA-1 share (64-byte
 * blocks, 64-bit message length, 0x80-and-zeros padding); subclasses supply the compression
 * function and the byte order.
 */
abstract sealed class ResumableDigest permits Md5State, Sha1State {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte id;
    private final boolean bigEndian;
    private final int[] words;
    private final byte[] block = new byte[64];
    private int buffered;
    private long length;

    ResumableDigest(byte id, boolean bigEndian, int[] initial) {
        this.id = id;
        this.bigEndian = bigEndian;
        this.words = initial.clone();
    }

    /** A fresh digest for file_sum_arithmetic {@code algorithm}: "sha1", anything else is MD5. */
    static ResumableDigest start(String algorithm) {
        return "sha1".equalsIgnoreCase(algorithm) ? new Sha1State() : new Md5State();
    }

    /** The digest {@link #state()} described; throws IllegalArgumentException for a damaged state. */
    static ResumableDigest restore(byte[] state) {
        if (state == null || state.length == 0) throw new IllegalArgumentException("empty digest state");
        ResumableDigest d = switch (state[0]) {
            case Md5State.ID -> new Md5State();
            case Sha1State.ID -> new Sha1State();
            default -> throw new IllegalArgumentException("unknown digest state " + state[0]);
        };
        d.load(ByteBuffer.wrap(state, 1, state.length - 1));
        return d;
    }

    /** Mixes the 64 bytes at {@code b[off]} into {@code state}. */
    abstract void compress(int[] state, byte[] b, int off);

    /** Feeds bytes. */
    final void update(byte[] b, int off, int len) {
        length += len;
        if (buffered > 0) {
            int n = Math.min(len, 64 - buffered);
            System.arraycopy(b, off, block, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered < 64) return;
            compress(words, block, 0);
            buffered = 0;
        }
        while (len >= 64) {
            compress(words, b, off);
            off += 64;
            len -= 64;
        }
        System.arraycopy(b, off, block, 0, len);
        buffered = len;
    }

    /** Bytes fed so far. */
    final long length() {
        return length;
    }

    /** Lower-case hex digest of everything fed so far; the digest stays usable for more input. */
    final String hex() {
        int[] w = words.clone();
        byte[] tail = new byte[buffered < 56 ? 64 : 128];
        System.arraycopy(block, 0, tail, 0, buffered);
        tail[buffered] = (byte) 0x80;
        long bits = length << 3;
        for (int i = 0; i < 8; i++) {
            int shift = bigEndian ? 56 - 8 * i : 8 * i;
            tail[tail.length - 8 + i] = (byte) (bits >>> shift);
        }
        for (int off = 0; off < tail.length; off += 64) compress(w, tail, off);
        char[] out = new char[w.length * 8];
        int p = 0;
        for (int word : w) {
            for (int i = 0; i < 4; i++) {
                int v = (bigEndian ? word >>> (24 - 8 * i) : word >>> (8 * i)) & 0xff;
                out[p++] = HEX[v >>> 4];
                out[p++] = HEX[v & 15];
            }
        }
        return new String(out);
    }

    /** The serialised state: algorithm id, length, chaining words and the unprocessed tail. */
    final byte[] state() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 * words.length + buffered);
        b.put(id).putLong(length);
        for (int w : words) b.putInt(w);
        b.put(block, 0, buffered);
        return b.array();
    }

    /** Reads what {@link #state()} wrote after the id byte. */
    private void load(ByteBuffer b) {
        try {
            length = b.getLong();
            for (int i = 0; i < words.length; i++) words[i] = b.getInt();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated digest state");
        }
        buffered = (int) (length & 63);
        if (length < 0 || b.remaining() != buffered) throw new IllegalArgumentException("damaged digest state");
        b.get(block, 0, buffered);
    }
}
