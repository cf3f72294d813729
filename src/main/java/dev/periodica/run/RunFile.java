package dev.periodica.run;

/** The file a run produced: its download name, where it is stored, size, type and SHA-256. */
public record RunFile(String name, String path, long size, String contentType, String sha256) {}
