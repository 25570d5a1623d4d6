/**
 * Streaming multipart/form-data (RFC 7578) parser for uploads of any size.
 *
 * <p>{@link io.jfastdfs.multipart.MultipartReader} hands out one {@link io.jfastdfs.multipart.Part} at a
 * time; a part's body is read straight from one fixed buffer, so memory stays constant whatever the
 * request size. Everything a client controls that must be buffered (header lines, header count, part
 * count, text fields) is capped by {@link io.jfastdfs.multipart.Limits}. A body that ends early is
 * always a {@link io.jfastdfs.multipart.MultipartException}, never a short part.
 */
package io.jfastdfs.multipart;
