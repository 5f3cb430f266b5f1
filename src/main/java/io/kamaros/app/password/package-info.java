/** Passwords: the dialog that asks for the password of an encrypted project or archive, and the choice of a new one. */
@NullMarked
package io.kamaros.app.password;

import org.jspecify.annotations.NullMarked;
