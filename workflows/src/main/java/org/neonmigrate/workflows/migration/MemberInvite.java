package org.neonmigrate.workflows.migration;

/** An org member to (re-)invite into the destination, with the role they had in the source. */
public record MemberInvite(String email, String role) {}
