package org.neonmigrate.api.problem;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of every error answer ({@code application/problem+json}, RFC 7807), as the OpenAPI
 * document describes it. Only a description: the answers themselves are built by {@link Problems}
 * and the problem-json module.
 *
 * @param type which rule was hit, e.g. {@code urn:neonmigrate:problem:invalid-request}
 * @param violations for a 400 on input: each field and the rule it broke
 */
@Schema(name = "Problem", description = "An error answer (RFC 7807).")
public record ProblemDocument(
    @Schema(description = "which rule was hit, e.g. urn:neonmigrate:problem:invalid-request")
        String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable List<Violation> violations) {

  /** One broken input rule. */
  @Schema(name = "Violation")
  public record Violation(String field, String message) {}
}
