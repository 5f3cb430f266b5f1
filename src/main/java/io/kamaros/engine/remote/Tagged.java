package io.kamaros.engine.remote;

/**
 * An object's bytes with the etag of exactly those bytes, read in one request: what a writer that moves a branch
 * head by {@link RemoteStore#compareAndSet} reads first (a HEAD and a GET apart could describe two different
 * writes).
 */
public record Tagged(byte[] data, String etag) {
}
