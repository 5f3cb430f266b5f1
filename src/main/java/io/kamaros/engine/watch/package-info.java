/**
 * Watching a project's folder and saving automatic checkpoints (autosave): {@link io.kamaros.engine.watch.FolderWatcher}
 * turns the operating system's file events into "these paths changed" (or "events were lost: look at
 * everything"), {@link io.kamaros.engine.watch.Autosave} decides when changes have settled and saves. Above the
 * facade and below the front ends, which both use it (the app and {@code kamaros watch}). Null only where a type
 * says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.watch;

import org.jspecify.annotations.NullMarked;
