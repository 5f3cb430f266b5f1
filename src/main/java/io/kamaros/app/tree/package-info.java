/** The desktop app's file tree: the files of a version, as a tree. */
@NullMarked
package io.kamaros.app.tree;

import org.jspecify.annotations.NullMarked;
