package io.jfastdfs.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    /** A file or directory a download path names, and its attributes. */
    public record Entry(Path path, BasicFileAttributes attrs) {}

    private final Path base;
    private final Path root;
    private final Path tmp;
    /** files/ with symlinks resolved, once: a symlink's target is checked against it. */
    private final Path realRoot;
    /** The filesystem of files/; looking it up again would read the mount table on every upload. */
    private final java.nio.file.FileStore disk;

    public FileStore(Path baseDir) throws IOException {
        this.base = baseDir.toAbsolutePath().normalize();
        this.root = base.resolve("files");
        this.tmp = root.resolve(TMP);
        Files.createDirectories(tmp);
        this.realRoot = root.toRealPath();
        this.disk = Files.getFileStore(root);
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

    /** ENOSPC, whichever call met it (the JDK has no exception type for it). */
    public static boolean diskFull(Exception e) {
        return String.valueOf(e.getMessage()).contains("No space left");
    }

    /** Bytes free for uploads on the store's filesystem (one statvfs). */
    public long usableSpace() throws IOException {
        return disk.getUsableSpace();
    }

    /**
     * Moves a finished temp file to {@code dir}/{@code name}. With {@code overwrite} false an existing
     * name is never replaced: the next free candidate ("0_name", "1_name", …) is taken atomically
     * (hard link fails when the name exists). Returns the name used.
     */
    public String place(TempFile t, String dir, String name, boolean overwrite, boolean fsync) throws IOException {
        Path d = resolve(dir);
        // one stat in the common case (the minute's directory exists); createDirectories alone costs a
        // failing mkdir, a stat and an exception
        if (!Files.isDirectory(d)) Files.createDirectories(d);
        String used;
        if (overwrite) {
            moveReplacing(t.path(), resolve(dir + "/" + name));
            used = name;
        } else {
            used = linkUnique(t.path(), d, dir, name);
            Files.deleteIfExists(t.path());
        }
        t.placed();
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

    /**
     * Makes a finished file the new {@code target}: fsync it, rename it over the old one, fsync the
     * directory. Readers see the old complete file or the new one, never a mix (cfg.json, backups).
     */
    public static void publish(Path tmp, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        moveReplacing(tmp, target);
        fsyncDir(target.getParent());
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
     * What a download path ("default/2026…/a.txt", relative to files/) names, with its attributes;
     * empty when nothing is there. One lstat per path component below files/, the last of which is the
     * entry's own: with no symlink on the way nothing can lead out of the store. Only a symlink costs a
     * realpath (which reads every component from "/") to prove where it leads.
     *
     * @throws UnsafePathException for files/ itself, _tmp, _big and anything a symlink leads out of
     *                             the store: never served, and not worth asking a peer for either
     */
    public Optional<Entry> entry(String relToFiles) {
        String top = relToFiles.contains("/") ? relToFiles.substring(0, relToFiles.indexOf('/')) : relToFiles;
        if (top.isEmpty() || top.equals(TMP) || top.equals(BIG)) throw new UnsafePathException("not servable");
        Path p = SafePath.resolveInside(root, relToFiles);
        try {
            Path at = root;
            BasicFileAttributes attrs = null;
            for (Path name : root.relativize(p)) {
                at = at.resolve(name);
                attrs = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) return followed(p);
            }
            return Optional.of(new Entry(p, attrs));
        } catch (IOException e) {
            return Optional.empty(); // missing (or a file where a directory should be)
        }
    }

    private Optional<Entry> followed(Path p) throws IOException {
        Path real = p.toRealPath();
        if (!real.startsWith(realRoot) || real.equals(realRoot) || real.startsWith(realRoot.resolve(TMP))
                || real.startsWith(realRoot.resolve(BIG))) {
            throw new UnsafePathException("a symlink leads out of the servable store");
        }
        return Optional.of(new Entry(real, Files.readAttributes(real, BasicFileAttributes.class)));
    }

    /** The regular file a download path names, if it exists and is servable (see {@link #entry}). */
    public Optional<Path> servable(String relToFiles) {
        try {
            return entry(relToFiles).filter(e -> e.attrs().isRegularFile()).map(Entry::path);
        } catch (UnsafePathException e) {
            return Optional.empty();
        }
    }

    /** Deletes a stored file ("files/…"); true when it existed. */
    public boolean delete(String relative) throws IOException {
        return Files.deleteIfExists(resolve(relative));
    }

    /** True when "files/…" exists as a regular file of the given size (one stat). */
    public boolean present(String relative, long size) {
        try {
            BasicFileAttributes a = Files.readAttributes(resolve(relative), BasicFileAttributes.class);
            return a.isRegularFile() && a.size() == size;
        } catch (IOException | UnsafePathException e) {
            return false;
        }
    }

    /** Sets a file's mtime (and atime: nothing reads it) without the stat Files.setLastModifiedTime makes to keep the atime. */
    public static void setMtime(Path file, long epochSeconds) throws IOException {
        FileTime t = FileTime.from(epochSeconds, TimeUnit.SECONDS);
        Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, t, null);
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
