/** The desktop app's verify tool: checking a project's integrity and showing the findings. */
@NullMarked
package io.kamaros.app.verify;

import org.jspecify.annotations.NullMarked;
