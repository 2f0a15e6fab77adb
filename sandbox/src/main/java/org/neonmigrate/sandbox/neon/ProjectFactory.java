package org.neonmigrate.sandbox.neon;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neonmigrate.sandbox.neon.NeonModel.Endpoint;
import org.neonmigrate.sandbox.neon.NeonModel.Project;

/** Creates Neon-looking projects with one or two endpoints, deterministically from a seed. */
public final class ProjectFactory {
  private static final String[] ADJECTIVES = {
    "ancient", "bold", "calm", "damp", "eager", "fancy", "gentle", "hidden", "icy", "jolly",
    "keen", "lively", "misty", "noisy", "odd", "proud", "quiet", "rapid", "shy", "tiny"
  };
  private static final String[] NOUNS = {
    "bar", "brook", "cloud", "dawn", "field", "frog", "glade", "hill", "lake", "leaf",
    "moon", "night", "pine", "rain", "river", "sea", "snow", "star", "tree", "wave"
  };
  private static final String[] REGIONS = {"aws-us-east-2", "aws-eu-central-1", "aws-us-west-2"};

  private final NeonState state;
  private final Random random;

  public ProjectFactory(NeonState state, long seed) {
    this.state = state;
    this.random = new Random(seed);
  }

  /** Adds a project to the org and returns it. */
  public synchronized Project create(
      String orgId, String ownerId, String name, List<String> integrations) {
    String id;
    do {
      id = words() + "-" + (10_000_000 + random.nextInt(90_000_000));
    } while (state.project(id).isPresent());
    String region = REGIONS[random.nextInt(REGIONS.length)];
    String created = "2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:00:00Z";
    Project project =
        new Project(
            id,
            name,
            orgId,
            region,
            15 + random.nextInt(3),
            created,
            ownerId,
            List.copyOf(integrations));
    List<Endpoint> endpoints = new ArrayList<>();
    String branch = "br-" + words() + "-" + (100_000 + random.nextInt(900_000));
    endpoints.add(endpoint(id, branch, region, "read_write", created));
    if (random.nextInt(3) == 0) {
      endpoints.add(endpoint(id, branch, region, "read_only", created));
    }
    state.putProject(project, endpoints);
    return project;
  }

  private Endpoint endpoint(
      String projectId, String branch, String region, String type, String created) {
    String id = "ep-" + words() + "-" + (100_000 + random.nextInt(900_000));
    String host = id + "." + region.substring("aws-".length()) + ".aws.neon.tech";
    return new Endpoint(id, projectId, branch, host, region, type, created);
  }

  private String words() {
    return ADJECTIVES[random.nextInt(ADJECTIVES.length)]
        + "-"
        + NOUNS[random.nextInt(NOUNS.length)];
  }
}
