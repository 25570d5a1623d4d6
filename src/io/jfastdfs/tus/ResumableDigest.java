package io.jfastdfs.tus;

import java.nio.ByteBuffer;

/**
 * A content digest whose intermediate state can be saved and restored, so a tus upload is hashed
 * while it is received, across PATCH requests and server restarts, and never read again to finish.
 * (java.security.MessageDigest cannot export its state.) {@link #state()} is what gets persisted
 * with the upload's offset.
 */
public interface ResumableDigest {
    /** Feeds bytes. */
    void update(byte[] b, int off, int len);

    /** Bytes fed so far. */
    long length();

    /** Lower-case hex digest of everything fed so far; the digest stays usable for more input. */
    String hex();

    /** The serialised state: algorithm, length, chaining words and the unprocessed tail. */
    byte[] state();

    /** A fresh digest for file_sum_arithmetic {@code algorithm}: "sha1", anything else is MD5. */
    static ResumableDigest start(String algorithm) {
        return "sha1".equalsIgnoreCase(algorithm) ? new Sha1State() : new Md5State();
    }

    /** The digest {@link #state()} described; throws IllegalArgumentException for a damaged state. */
    static ResumableDigest restore(byte[] state) {
        if (state == null || state.length == 0) throw new IllegalArgumentException("empty digest state");
        BlockDigest d = switch (state[0]) {
            case Md5State.ID -> new Md5State();
            case Sha1State.ID -> new Sha1State();
            default -> throw new IllegalArgumentException("unknown digest state " + state[0]);
        };
        d.load(ByteBuffer.wrap(state, 1, state.length - 1));
        return d;
    }
}
