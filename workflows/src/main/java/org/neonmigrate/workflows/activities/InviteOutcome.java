package org.neonmigrate.workflows.activities;

/**
 * @param alreadyPresent members or pending invitees the destination already had
 */
public record InviteOutcome(int invited, int alreadyPresent) {}
