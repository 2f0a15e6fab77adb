package org.neonmigrate.sandbox.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.neon.NeonModel.Membership;
import org.neonmigrate.sandbox.neon.NeonModel.Org;
import org.neonmigrate.sandbox.neon.NeonModel.Permission;
import org.neonmigrate.sandbox.neon.NeonModel.Project;
import org.neonmigrate.sandbox.neon.NeonModel.User;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.neon.ProjectFactory;

/**
 * Fills both simulators with linked, deterministic data: Azure-managed orgs, their Neon-managed
 * counterparts ({@code neon-managed-<name>}, where the source admins already are) and one ARM
 * resource per Azure org, named like the org.
 */
public final class SandboxSeed {
  public static final String SUBSCRIPTION_ID = "00000000-0000-4000-8000-0000000a2e5d";
  public static final String RESOURCE_GROUP = "neon-sandbox-rg";
  public static final String LOCATION = "eastus2";
  // the real managed_by value of Azure-managed orgs is unverified (notes §2); anything but
  // "console"
  public static final String AZURE_MANAGED_BY = "azure";
  public static final String DEMO_ADMIN_EMAIL = "admin@example.com";

  /** One demo scenario: the Azure org, its plans and what makes it interesting. */
  record DemoOrg(
      String name,
      String plan,
      String counterpartPlan,
      int projects,
      int githubProjects,
      String requestedBy) {}

  static final List<DemoOrg> DEMO =
      List.of(
          new DemoOrg("contoso-free", "free", "free", 5, 0, "alice@example.com"),
          new DemoOrg("fabrikam-scale", "scale", "free", 12, 0, "bob@example.com"),
          new DemoOrg("tailspin-github", "launch", "launch", 6, 1, "carol@example.com"),
          new DemoOrg("northwind-large", "business", "business", 450, 0, "dave@example.com"));

  private final NeonState neon;
  private final ArmState arm;
  private final SeedSpec spec;
  private final Random random;
  private final ProjectFactory projects;
  private User admin;

  private SandboxSeed(NeonState neon, ArmState arm, SeedSpec spec) {
    this.neon = neon;
    this.arm = arm;
    this.spec = spec;
    this.random = new Random(spec.randomSeed());
    this.projects = new ProjectFactory(neon, spec.randomSeed() + 1);
  }

  /** Clears both states, seeds them and returns a migration input per Azure org. */
  public static Seeded apply(NeonState neon, ArmState arm, SeedSpec spec) {
    neon.clear();
    arm.clear();
    SandboxSeed seed = new SandboxSeed(neon, arm, spec);
    return new Seeded(seed.run(), seed.projects);
  }

  /** The result: examples, and the project factory to keep ids unique in later additions. */
  public record Seeded(List<MigrationExample> examples, ProjectFactory projectFactory) {}

  private List<MigrationExample> run() {
    admin = user("Sandbox Admin", DEMO_ADMIN_EMAIL);
    neon.newApiKey(spec.apiKey(), "sandbox personal key", null, admin.id(), null);
    List<MigrationExample> examples = new ArrayList<>();
    if (spec.synthetic()) {
      String plan = spec.projects() <= 1000 ? "scale" : "business";
      for (int i = 1; i <= spec.orgs(); i++) {
        String name = String.format("synthetic-%04d", i);
        examples.add(
            org(
                new DemoOrg(name, "scale", plan, spec.projects(), 0, "batch@example.com"),
                Math.max(1, spec.members())));
      }
    } else {
      for (DemoOrg demo : DEMO) {
        examples.add(org(demo, 5));
      }
    }
    return examples;
  }

  private MigrationExample org(DemoOrg demo, int memberCount) {
    Org azure = newOrg("org-az-" + demo.name(), demo.name(), demo.plan(), AZURE_MANAGED_BY);
    Org counterpart =
        newOrg(
            "org-nm-" + demo.name(),
            "neon-managed-" + demo.name(),
            demo.counterpartPlan(),
            "console");
    String domain = demo.name() + ".example.com";
    member(azure, admin, "admin");
    member(counterpart, admin, "admin");
    if (memberCount > 1) {
      User ops = user("Ops " + demo.name(), "ops@" + domain);
      member(azure, ops, "admin");
      member(counterpart, ops, "admin");
    }
    for (int i = 1; i <= memberCount - 2; i++) {
      User dev = user("Developer " + i, "dev" + i + "@" + domain);
      member(azure, dev, i % 3 == 0 ? "viewer" : "member");
    }
    for (int i = 1; i <= demo.projects(); i++) {
      List<String> integrations = i <= demo.githubProjects() ? List.of("github") : List.of();
      Project p = projects.create(azure.id(), admin.id(), demo.name() + "-app-" + i, integrations);
      if (i % 10 == 1) {
        collaborator(p, "contractor@partner.example.com");
        if (memberCount > 2) {
          collaborator(p, "dev1@" + domain);
        }
      }
    }
    neon.newApiKey(token(), "ci-deploy", azure.id(), admin.id(), null);
    neon.newApiKey(token(), "app-backend", azure.id(), admin.id(), null);
    arm.put(
        new ArmState.Resource(
            SUBSCRIPTION_ID,
            RESOURCE_GROUP,
            demo.name(),
            LOCATION,
            azure.id(),
            azure.name(),
            "Succeeded"));
    return new MigrationExample(
        azure.id(),
        counterpart.id(),
        new MigrationExample.Azure(SUBSCRIPTION_ID, RESOURCE_GROUP, demo.name()),
        false,
        demo.requestedBy());
  }

  private Org newOrg(String id, String name, String plan, String managedBy) {
    String created = "2025-03-0" + (1 + random.nextInt(9)) + "T09:00:00Z";
    Org org = new Org(id, name, name, plan, managedBy, created, created);
    neon.putOrg(org);
    return org;
  }

  private User user(String name, String email) {
    return neon.userByEmail(email)
        .orElseGet(
            () -> {
              User u = new User(uuid(), email, name);
              neon.putUser(u);
              return u;
            });
  }

  private void member(Org org, User user, String role) {
    String joined = "2025-04-" + (10 + random.nextInt(18)) + "T12:00:00Z";
    neon.putMember(new Membership(uuid(), user.id(), org.id(), role, joined));
  }

  private void collaborator(Project project, String email) {
    neon.putPermission(new Permission(uuid(), project.id(), email, "2025-05-01T08:00:00Z"));
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String token() {
    return "napi_seed_" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
  }
}
