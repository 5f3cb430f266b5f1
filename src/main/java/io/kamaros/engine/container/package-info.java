/**
 * The JCF archive: export of a project to a ZIP container and import (validated, staged) from one. Null only
 * where a type says {@code @Nullable}.
 */
@NullMarked
package io.kamaros.engine.container;

import org.jspecify.annotations.NullMarked;
