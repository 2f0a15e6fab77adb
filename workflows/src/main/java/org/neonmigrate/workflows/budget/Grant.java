package org.neonmigrate.workflows.budget;

/**
 * Tokens handed out and not yet out of every window they can still count in.
 *
 * @param id the lease's id (0 for grants carried from a run that did not number them)
 * @param tokens granted, or after a {@link Settlement} the calls really sent
 * @param expiresAtMillis when the lease's validity ended (budget clock)
 */
public record Grant(
    long id, String route, int tokens, long grantedAtMillis, long expiresAtMillis) {}
