package org.neonmigrate.sandbox.neon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plan tiers in rank order and the maximum project count per plan. Default figures follow Neon's
 * plans pages (notes §12): legacy Free 20 (Azure orgs stay on legacy plans), Launch 100, Scale
 * 1,000; Business 5,000 is a sandbox assumption. Real limits vary and must not be hard-coded by
 * clients.
 */
public record PlanCatalog(List<String> tiers, Map<String, Integer> maxProjects) {

  public static PlanCatalog defaults() {
    Map<String, Integer> max = new LinkedHashMap<>();
    max.put("free", 20);
    max.put("launch", 100);
    max.put("scale", 1000);
    max.put("business", 5000);
    return new PlanCatalog(List.of("free", "launch", "scale", "business"), max);
  }

  /** Rank of a plan; an unknown plan ranks lowest so it never silently passes a tier check. */
  public int rank(String plan) {
    return tiers.indexOf(plan);
  }

  public int maxProjects(String plan) {
    return maxProjects.getOrDefault(plan, 0);
  }
}
