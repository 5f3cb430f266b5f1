/** The desktop app's open project: opening a project and the session that holds it. */
@NullMarked
package io.kamaros.app.session;

import org.jspecify.annotations.NullMarked;
