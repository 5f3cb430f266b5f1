/** The desktop app's storage tool: how much space a project's history takes. */
@NullMarked
package io.kamaros.app.storage;

import org.jspecify.annotations.NullMarked;
