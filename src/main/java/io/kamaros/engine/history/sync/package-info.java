/**
 * Push, fetch, pull and clone of a project's history over a remote: which packs and version records travel, the
 * push records readers merge, and the branch head moved by compare-and-set (the lock-free rules of
 * docs/storage-format.md, "Remotes"). The transport below it is {@link io.kamaros.engine.remote}.
 */
@NullMarked
package io.kamaros.engine.history.sync;

import org.jspecify.annotations.NullMarked;
