package org.neonmigrate.activities;

import java.util.Locale;
import java.util.Optional;

/** Neon matches people by email; case differences must not cause duplicate invitations. */
final class Emails {

  private Emails() {}

  static Optional<String> key(String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(email.trim().toLowerCase(Locale.ROOT));
  }
}
