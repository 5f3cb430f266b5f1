/**
 * A project's state above the bytes: the manifest (its document, reader and writer, the ledger), the project
 * and content stores, the version graph and the history guard. Null only where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.project;

import org.jspecify.annotations.NullMarked;
