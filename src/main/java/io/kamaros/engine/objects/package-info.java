/**
 * The content-addressed object store: blob format, writing and reading, chunking (FastCDC), compression
 * dictionaries, reverse patches and object encryption. Null only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.objects;

import org.jspecify.annotations.NullMarked;
