package org.neonmigrate.workflows.batch;

/** Payload of {@code pause} and {@code resume}: who did it and why, for the progress view. */
public record BatchControl(String by, String reason) {}
