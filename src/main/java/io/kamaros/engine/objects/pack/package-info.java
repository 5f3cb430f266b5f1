/**
 * Pack files: many stored objects in one immutable file named by its SHA-256, with a sorted index beside it
 * (see docs/storage-format.md, "Packs"); one damaged byte costs only the object it lies in.
 */
@NullMarked
package io.kamaros.engine.objects.pack;

import org.jspecify.annotations.NullMarked;
