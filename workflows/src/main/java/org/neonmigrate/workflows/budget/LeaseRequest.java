package org.neonmigrate.workflows.budget;

/**
 * A worker asking for permission to send {@code tokens} Neon calls on {@code route}.
 *
 * @param route the route's template, e.g. {@code GET /projects/{project_id}}; never a concrete id
 * @param tokens how many calls the worker would like to send within the lease's validity
 * @param holder who asks (worker identity), for logs only; may be null
 */
public record LeaseRequest(String route, int tokens, String holder) {}
