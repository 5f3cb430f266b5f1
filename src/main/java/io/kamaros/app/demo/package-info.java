/** The desktop app's demo project: a generated project with a history to explore. */
@NullMarked
package io.kamaros.app.demo;

import org.jspecify.annotations.NullMarked;
