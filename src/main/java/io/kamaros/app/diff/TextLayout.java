package io.kamaros.app.diff;

/** How a text diff is laid out. */
public enum TextLayout { SIDE_BY_SIDE, UNIFIED }
