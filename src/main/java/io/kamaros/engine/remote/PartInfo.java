package io.kamaros.engine.remote;

/**
 * One uploaded part of a multipart upload.
 *
 * @param number 1-based
 * @param etag   the backend's tag of the part; for both backends the hex MD5 of its bytes, which is how a resumed
 *               upload knows a part arrived intact
 */
public record PartInfo(int number, long size, String etag) {
}
