package dev.periodica.report;

import java.util.UUID;

/** The fields of a category a caller sets; {@code parentId} places it in the tree. */
public record CategoryDraft(String name, UUID parentId) {}
