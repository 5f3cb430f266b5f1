/**
 * The project settings window (Tools → Project settings…): the open project's autosave, its retention policy
 * with a preview of what it would forget, and its remotes. Each page is a view beside its view-model.
 */
@NullMarked
package io.kamaros.app.projectsettings;

import org.jspecify.annotations.NullMarked;
