package org.neonmigrate.sandbox.seed;

/**
 * What to seed: the demo set when {@code orgs} is 0, else {@code orgs} synthetic Azure orgs with
 * {@code projects} projects and {@code members} members each. The personal API key belongs to a
 * user who is admin of every seeded org.
 */
public record SeedSpec(String apiKey, int orgs, int projects, int members, long randomSeed) {
  public static final String DEFAULT_API_KEY = "neon-sandbox-key";

  public SeedSpec {
    if (apiKey == null || apiKey.isBlank()) {
      apiKey = DEFAULT_API_KEY;
    }
    if (orgs < 0 || projects < 0 || members < 0) {
      throw new IllegalArgumentException("orgs, projects and members must not be negative");
    }
    if (projects > 5000) {
      throw new IllegalArgumentException("at most 5000 projects per org (the business plan limit)");
    }
  }

  public static SeedSpec demo(String apiKey) {
    return new SeedSpec(apiKey, 0, 0, 0, 42);
  }

  public boolean synthetic() {
    return orgs > 0;
  }
}
