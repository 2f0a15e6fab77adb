package org.neonmigrate.workflows.migration;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the {@code decide} update refused a decision, so that callers (the REST API) can answer each
 * case as they document it. The refusal's message starts with the name and a colon: the SDK passes
 * a validator's message on to the caller but not its failure type.
 */
public enum DecisionRefusal {
  /** The run waits at another gate, at none, or has a decision for this one already. */
  NotWaitingAtGate,
  /** The azure-deletion approval came from the person who started the run. */
  FourEyes,
  /** No decision, an unknown gate, or no approver. */
  InvalidDecision;

  /** The refusal a {@code decide} failure's message names, if any. */
  public static Optional<DecisionRefusal> named(String message) {
    if (message == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(r -> message.startsWith(r.name() + ": ")).findFirst();
  }

  /** The message without the refusal's name. */
  public static String reason(String message) {
    return named(message).map(r -> message.substring(r.name().length() + 2)).orElse(message);
  }
}
