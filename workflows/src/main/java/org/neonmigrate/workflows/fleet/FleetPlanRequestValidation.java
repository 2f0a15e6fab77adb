package org.neonmigrate.workflows.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a fleet plan request, in one place: the REST API answers 400 with these problems,
 * and the workflow refuses a request that breaks them (a Temporal caller skips the API).
 */
public final class FleetPlanRequestValidation {

  /** One plan lists at most this many subscriptions; more are several plans. */
  public static final int MAX_SUBSCRIPTIONS = 100;

  /** A by-name mapping as large as the largest batch. */
  public static final int MAX_MAPPING = 5000;

  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern ORG_ID = Pattern.compile("^[a-z0-9-]{1,60}$");

  private FleetPlanRequestValidation() {}

  /** Every broken rule, each naming its field; empty when the request can be planned. */
  public static List<String> problems(FleetPlanRequest request) {
    List<String> problems = new ArrayList<>();
    if (request == null) {
      return List.of("the request is missing");
    }
    if (request.planId() == null || !ORG_ID.matcher(request.planId()).matches()) {
      problems.add(
          "planId must be 1 to 60 characters of lowercase letters, digits and hyphens, was "
              + quoted(request.planId()));
    }
    subscriptions(request.subscriptionIds(), problems);
    destination(request.destination(), problems);
    return problems;
  }

  private static void subscriptions(List<String> ids, List<String> problems) {
    if (ids == null || ids.isEmpty()) {
      problems.add("subscriptionIds must list at least one Azure subscription id");
      return;
    }
    if (ids.size() > MAX_SUBSCRIPTIONS) {
      problems.add(
          "subscriptionIds lists %d subscriptions; at most %d per plan"
              .formatted(ids.size(), MAX_SUBSCRIPTIONS));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || !GUID.matcher(id).matches()) {
        problems.add(
            "subscriptionIds[%d] must be an Azure subscription id (a GUID like".formatted(i)
                + " 00000000-0000-0000-0000-000000000000), was "
                + quoted(id));
      } else if (!seen.add(id.toLowerCase(Locale.ROOT))) {
        problems.add("subscriptionIds[%d] repeats %s".formatted(i, id));
      }
    }
  }

  private static void destination(DestinationRule rule, List<String> problems) {
    if (rule == null || rule.rule() == null) {
      problems.add(
          "destination.rule is required: one of %s, %s, %s"
              .formatted(DestinationRule.SINGLE, DestinationRule.BY_NAME, DestinationRule.NONE));
      return;
    }
    switch (rule.rule()) {
      case DestinationRule.SINGLE -> {
        if (rule.orgId() == null || !ORG_ID.matcher(rule.orgId()).matches()) {
          problems.add(
              "destination.orgId is required for rule single: 1 to 60 characters of lowercase"
                  + " letters, digits and hyphens, was "
                  + quoted(rule.orgId()));
        }
        if (rule.mapping() != null) {
          problems.add("destination.mapping is only for rule by-name");
        }
      }
      case DestinationRule.BY_NAME -> {
        Map<String, String> mapping = rule.mapping();
        if (mapping == null || mapping.isEmpty()) {
          problems.add(
              "destination.mapping is required for rule by-name: {\"<org name>\": \"<id>\"}");
        } else if (mapping.size() > MAX_MAPPING) {
          problems.add("destination.mapping has more than %d names".formatted(MAX_MAPPING));
        } else {
          mapping.forEach(
              (name, id) -> {
                if (id == null || !ORG_ID.matcher(id).matches()) {
                  problems.add(
                      "destination.mapping[%s] must be an org id (lowercase letters, digits and"
                              .formatted(quoted(name))
                          + " hyphens), was "
                          + quoted(id));
                }
              });
        }
        if (rule.orgId() != null) {
          problems.add("destination.orgId is only for rule single");
        }
      }
      case DestinationRule.NONE -> {
        if (rule.orgId() != null || rule.mapping() != null) {
          problems.add("destination.orgId and destination.mapping are not for rule none");
        }
      }
      default ->
          problems.add(
              "destination.rule must be one of %s, %s, %s, was %s"
                  .formatted(
                      DestinationRule.SINGLE,
                      DestinationRule.BY_NAME,
                      DestinationRule.NONE,
                      quoted(rule.rule())));
    }
  }

  private static String quoted(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + shown + "'";
  }
}
