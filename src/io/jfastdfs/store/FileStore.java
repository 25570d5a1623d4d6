package io.jfastdfs.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Bytes on disk under files/. Writes go temp file → fsync → link or rename into place → fsync of
 * the directory, so a crash leaves either nothing or a complete file, and nothing half-written is
 * ever under a served path (files/_tmp is never served).
 */
public final class FileStore {
    /** Directories under files/ that are ours, never served or listed. */
    public static final String TMP = "_tmp";
    public static final String BIG = "_big";
    private static final int MAX_COLLISIONS = 10_000;

    private final Path base;
    private final Path root;
    private final Path tmp;

    public FileStore(Path baseDir) throws IOException {
        this.base = baseDir.toAbsolutePath().normalize();
        this.root = base.resolve("files");
        this.tmp = root.resolve(TMP);
        Files.createDirectories(tmp);
    }

    /** The files/ directory. */
    public Path root() {
        return root;
    }

    /** The base directory (files/ is below it). */
    public Path base() {
        return base;
    }

    /** Removes temp files left by a crash: at start nothing in _tmp belongs to a live upload. */
    public int sweepTemp() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) n++;
            }
        }
        return n;
    }

    public TempFile newTemp(String algorithm, long sizeLimit) throws IOException {
        return new TempFile(tmp.resolve(UUID.randomUUID().toString()), algorithm, sizeLimit);
    }

    /**
     * Takes a finished file inside the store (a tus upload's data) as a temp file of known size and
     * digest, ready for {@link #place}.
     */
    public TempFile adopt(Path file, long size, String digestHex) throws IOException {
        if (!file.toAbsolutePath().normalize().startsWith(root)) throw new UnsafePathException("not inside the store");
        return TempFile.adopt(file, size, digestHex);
    }

    /** Bytes free for uploads on the store's filesystem. */
    public long usableSpace() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /**
     * Moves a finished temp file to {@code dir}/{@code name}. With {@code overwrite} false an existing
     * name is never replaced: the next free candidate ("0_name", "1_name", …) is taken atomically
     * (hard link fails when the name exists). Returns the name used.
     */
    public String place(TempFile t, String dir, String name, boolean overwrite, boolean fsync) throws IOException {
        Path d = resolve(dir);
        Files.createDirectories(d);
        String used;
        if (overwrite) {
            moveReplacing(t.path(), resolve(dir + "/" + name));
            used = name;
        } else {
            used = linkUnique(t.path(), d, dir, name);
            Files.deleteIfExists(t.path());
        }
        if (fsync) fsyncDir(d);
        return used;
    }

    private String linkUnique(Path src, Path d, String dir, String name) throws IOException {
        for (int i = 0; i <= MAX_COLLISIONS; i++) {
            String candidate = FileNames.candidate(name, i);
            Path target = resolve(dir + "/" + candidate);
            try {
                Files.createLink(target, src);
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next candidate
            } catch (FileSystemException e) {
                // no hard links on this filesystem (e.g. vfat): a move that refuses an existing name
                if (!Files.exists(target)) {
                    Files.move(src, target);
                    return candidate;
                }
            }
        }
        throw new IOException("no free name for " + name + " in " + d);
    }

    private static void moveReplacing(Path src, Path target) throws IOException {
        try {
            Files.move(src, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(src, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A store-relative path ("files/…") resolved safely. */
    public Path resolve(String relative) {
        return SafePath.resolveInside(base, relative);
    }

    /**
     * The regular file a download path names ("default/2026…/a.txt", relative to files/), if it
     * exists and is servable: never _tmp or _big, never outside the store through a symlink.
     */
    public Optional<Path> servable(String relToFiles) {
        String top = relToFiles.contains("/") ? relToFiles.substring(0, relToFiles.indexOf('/')) : relToFiles;
        if (top.equals(TMP) || top.equals(BIG)) return Optional.empty();
        Path p = SafePath.resolveInside(root, relToFiles);
        if (!Files.isRegularFile(p) || !SafePath.reallyInside(root, p)) return Optional.empty();
        return Optional.of(p);
    }

    /** Deletes a stored file ("files/…"); true when it existed. */
    public boolean delete(String relative) throws IOException {
        return Files.deleteIfExists(resolve(relative));
    }

    /** True when "files/…" exists as a regular file of the given size. */
    public boolean present(String relative, long size) {
        try {
            Path p = resolve(relative);
            return Files.isRegularFile(p) && Files.size(p) == size;
        } catch (IOException | UnsafePathException e) {
            return false;
        }
    }

    /** fsync a directory so a rename in it survives power loss. */
    public static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return;
            throw e;
        }
    }
}
