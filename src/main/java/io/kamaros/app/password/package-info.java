/** The dialog that asks for the password of an encrypted project or archive. */
@NullMarked
package io.kamaros.app.password;

import org.jspecify.annotations.NullMarked;
