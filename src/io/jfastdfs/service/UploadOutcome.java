package io.jfastdfs.service;

import io.jfastdfs.index.FileRecord;

/** The record an upload ended as; {@code duplicate} when identical content was already stored. */
public record UploadOutcome(FileRecord record, boolean duplicate) {
}
