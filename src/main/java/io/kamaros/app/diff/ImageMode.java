package io.kamaros.app.diff;

/** How two images are compared on screen. */
public enum ImageMode { SIDE_BY_SIDE, SWIPE, ONION_SKIN, DIFFERENCE }
