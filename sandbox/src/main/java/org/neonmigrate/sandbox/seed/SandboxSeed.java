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
 * resource per Azure org, named like the org. The demo set adds a few strays for the fleet plan (an
 * org without a resource, a resource of an org the key cannot see, a resource being deleted), in
 * {@link #STRAYS_SUBSCRIPTION_ID} apart from the migration examples.
 */
public final class SandboxSeed {
  public static final String SUBSCRIPTION_ID = "00000000-0000-4000-8000-0000000a2e5d";
  public static final String RESOURCE_GROUP = "neon-sandbox-rg";
  public static final String LOCATION = "eastus2";
  // the real managed_by value of Azure-managed orgs is unverified (notes §2); anything but
  // "console"
  public static final String AZURE_MANAGED_BY = "azure";
  public static final String DEMO_ADMIN_EMAIL = "admin@example.com";

  /**
   * A second subscription of the demo set, holding the strays a fleet plan should report: a
   * resource whose org the demo key cannot see, and one already being deleted.
   */
  public static final String STRAYS_SUBSCRIPTION_ID = "00000000-0000-4000-8000-00000057a7e5";

  public static final String STRAYS_RESOURCE_GROUP = "neon-legacy-rg";

  /** An Azure-managed org the demo key sees, with no Azure resource anywhere. */
  public static final String ORPHAN_ORG_ID = "org-az-adatum-orphan";

  /** An Azure-managed org whose only admin is someone else: the demo key cannot see it. */
  public static final String HIDDEN_ORG_ID = "org-az-woodgrove-hidden";

  /** An Azure-managed org whose Azure resource is in provisioningState Deleting. */
  public static final String DELETING_ORG_ID = "org-az-litware-deleting";

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
      strays();
    }
    return examples;
  }

  /** What a fleet plan cannot turn into rows; none of it is a migration example. */
  private void strays() {
    Org orphan = newOrg(ORPHAN_ORG_ID, "adatum-orphan", "launch", AZURE_MANAGED_BY);
    member(orphan, admin, "admin");
    projects.create(orphan.id(), admin.id(), "adatum-orphan-app-1", List.of());

    User stranger = user("Woodgrove Admin", "admin@woodgrove.example.com");
    Org hidden = newOrg(HIDDEN_ORG_ID, "woodgrove-hidden", "scale", AZURE_MANAGED_BY);
    member(hidden, stranger, "admin");
    projects.create(hidden.id(), stranger.id(), "woodgrove-hidden-app-1", List.of());
    arm.put(
        new ArmState.Resource(
            STRAYS_SUBSCRIPTION_ID,
            STRAYS_RESOURCE_GROUP,
            "woodgrove-hidden",
            LOCATION,
            hidden.id(),
            hidden.name(),
            "Succeeded"));

    Org deleting = newOrg(DELETING_ORG_ID, "litware-deleting", "free", AZURE_MANAGED_BY);
    member(deleting, admin, "admin");
    projects.create(deleting.id(), admin.id(), "litware-deleting-app-1", List.of());
    arm.put(
        new ArmState.Resource(
            STRAYS_SUBSCRIPTION_ID,
            STRAYS_RESOURCE_GROUP,
            "litware-deleting",
            LOCATION,
            deleting.id(),
            deleting.name(),
            "Deleting"));
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
