package org.neonmigrate.workflows.budget;

/**
 * How many calls a worker really sent under one lease, told once that lease's validity is over on
 * the worker's own clock (so no further call can use it). The budget then counts only those calls;
 * the rest of the grant is free again at once instead of a minute later. Settling the same lease
 * twice changes nothing, so a worker may repeat a settlement whose answer it never saw.
 *
 * @param leaseId {@link Lease#id()} of the lease being settled
 * @param used calls sent under it (0..granted; a larger number settles nothing)
 */
public record Settlement(long leaseId, int used) {}
