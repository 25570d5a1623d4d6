package io.jfastdfs.tus;

/**
 * One tus upload as persisted (table tus_uploads): its declared length (-1 while deferred), the
 * bytes durably received, the creation headers echoed by HEAD, the digest state of the received
 * bytes, where they are kept, and once finished the md5 of the stored record.
 */
record TusUpload(String id, long length, long offset, String metadata, String concat, byte[] digestState,
                 String file, long created, long updated, String result) {

    static final long DEFERRED = -1;

    boolean deferred() {
        return length == DEFERRED;
    }

    boolean finished() {
        return result != null;
    }

    boolean partial() {
        return concat.equals(UploadConcat.PARTIAL);
    }

    boolean isFinal() {
        return concat.startsWith(UploadConcat.FINAL);
    }

    /** The offset a client sees: the whole length once finished. */
    long visibleOffset() {
        return finished() ? length : offset;
    }

    /** The upload once stored as the record {@code md5}: all bytes received, no digest state left. */
    TusUpload storedAs(String md5) {
        return new TusUpload(id, length, length, metadata, concat, null, file, created, updated, md5);
    }

    TusUpload withProgress(long newOffset, long newLength, byte[] state, long now) {
        return new TusUpload(id, newLength, newOffset, metadata, concat, state, file, created, now, result);
    }
}
