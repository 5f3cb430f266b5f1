package io.kamaros.engine.model;

/** A file that moved from one path to another, keeping its identity. */
public record RenameInfo(String inodeId, String fromPath, String toPath) {
}
