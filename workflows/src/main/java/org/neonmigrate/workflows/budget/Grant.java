package org.neonmigrate.workflows.budget;

/**
 * Tokens handed out and not yet out of every window they can still count in.
 *
 * @param expiresAtMillis when the lease's validity ended (budget clock)
 */
public record Grant(String route, int tokens, long grantedAtMillis, long expiresAtMillis) {}
