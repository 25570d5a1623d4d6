package io.jfastdfs.service;

/**
 * What a client asked for when storing bytes: the client's file name and the optional fields of
 * API.md §2.1 ("" when absent). {@code tus} selects the tus placement rules of §2.18.
 */
public record UploadRequest(String clientName, String scene, String path, String filename, String md5,
                            boolean tus, java.util.List<String> extraKeys) {
}
