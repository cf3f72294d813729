package dev.periodica.access;

import java.util.UUID;

/** A user as the seed shows it; profile fields stay null until an upstream system fills them. */
public record User(UUID id, String email, String firstName, String lastName, String username) {}
