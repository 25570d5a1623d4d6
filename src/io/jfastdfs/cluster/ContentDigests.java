package io.jfastdfs.cluster;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Content digests of files the index knows by path only (trees migrated from go-fastdfs), which a peer
 * copying such a file needs before the first byte. Computed once per version of a file (inode, mtime,
 * size) and shared by every peer that copies it; a digest still being computed is awaited rather than
 * computed again. So a peer that gave up waiting on a huge file gets it at once when it asks again.
 */
final class ContentDigests {
    static final int MAX_ENTRIES = 10_000;

    /** Access-ordered, so the least recently asked-for digest goes first. */
    private final Map<String, CompletableFuture<String>> digests = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The hex digest ("md5" or "sha1") of {@code length} bytes of {@code file} from {@code start}. */
    String of(String algorithm, Path file, long start, long length) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String key = algorithm + ' ' + a.fileKey() + ' ' + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ' '
                + a.size() + ' ' + start + ' ' + length + ' ' + file;
        CompletableFuture<String> digest;
        boolean computeHere;
        synchronized (digests) {
            digest = digests.get(key);
            computeHere = digest == null;
            if (computeHere) {
                digest = new CompletableFuture<>();
                digests.put(key, digest);
            }
        }
        if (computeHere) {
            try {
                digest.complete(compute(algorithm, file, start, length));
            } catch (IOException | RuntimeException e) {
                synchronized (digests) {
                    digests.remove(key, digest);
                }
                digest.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return digest.get();
        } catch (ExecutionException e) {
            throw new IOException("digest of " + file + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the digest of " + file);
        }
    }

    private static String compute(String algorithm, Path file, long start, long length) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            for (long done = 0; done < length; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), length - done));
                int n = ch.read(buf, start + done);
                if (n < 0) throw new IOException("file shrank while being digested");
                md.update(buf.array(), 0, n);
                done += n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
