/** The desktop app's tool windows registry: the tools and the context they get. */
@NullMarked
package io.kamaros.app.tools;

import org.jspecify.annotations.NullMarked;
