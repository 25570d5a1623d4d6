package io.jfastdfs.api;

import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;

import java.util.Optional;

/** What a download miss may still answer: the cluster's read-repair (API.md §5.4). */
public interface MissingFiles {
    Optional<Reply> fetch(Request r, String rel);
}
