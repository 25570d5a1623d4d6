package io.jfastdfs.index;

/** Outcome of {@link FileIndex#insert}: the record now indexed under the md5, and whether it is new. */
public record InsertResult(FileRecord record, boolean inserted) {
}
