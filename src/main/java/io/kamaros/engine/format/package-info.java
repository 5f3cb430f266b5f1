/**
 * The on-disk JSON vocabulary: the version journal's codec, the version records it holds, the shared Jackson
 * setup and the keeping of unknown fields. Null only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.format;

import org.jspecify.annotations.NullMarked;
