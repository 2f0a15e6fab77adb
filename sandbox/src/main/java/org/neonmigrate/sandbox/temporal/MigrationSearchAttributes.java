package org.neonmigrate.sandbox.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.workflows.MigrationNames;

/**
 * The custom search attributes every migration run carries; a run that sets one the namespace does
 * not define fails its workflow task forever, so the sandbox registers them before anything starts.
 */
public final class MigrationSearchAttributes {
  public static final List<SearchAttributeKey<String>> KEYS =
      List.of(MigrationNames.MIGRATION_STEP, MigrationNames.SOURCE_ORG_ID, MigrationNames.BATCH_ID);

  private MigrationSearchAttributes() {}

  /** {@code Name=Keyword} for each key, as {@code temporal server start-dev --search-attribute}. */
  public static List<String> cliFlags() {
    return KEYS.stream().map(k -> k.getName() + "=" + cliType(k.getValueType())).toList();
  }

  /** What the namespace defines now: custom attribute name to type (needs a visibility store). */
  public static Map<String, IndexedValueType> listed(OperatorServiceStubs operator) {
    return operator
        .blockingStub()
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .listSearchAttributes(
            ListSearchAttributesRequest.newBuilder().setNamespace(MigrationNames.NAMESPACE).build())
        .getCustomAttributesMap();
  }

  /**
   * Adds the keys the namespace lacks. A server without a visibility store (the in-memory one)
   * cannot list them; it is simply told to add all of them.
   *
   * @throws IOException if a name is already defined with another type, or the server refuses
   */
  public static void ensure(OperatorServiceStubs operator) throws IOException {
    Map<String, IndexedValueType> existing;
    try {
      existing = listed(operator);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw refused(e);
      }
      existing = Map.of();
    }
    Map<String, IndexedValueType> missing = new LinkedHashMap<>();
    for (SearchAttributeKey<String> key : KEYS) {
      IndexedValueType defined = existing.get(key.getName());
      if (defined == null) {
        missing.put(key.getName(), key.getValueType());
      } else if (defined != key.getValueType()) {
        throw new IOException(
            "search attribute %s is defined as %s on this server; the migration needs %s"
                .formatted(key.getName(), cliType(defined), cliType(key.getValueType())));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      operator
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(MigrationNames.NAMESPACE)
                  .putAllSearchAttributes(missing)
                  .build());
    } catch (StatusRuntimeException e) {
      throw refused(e);
    }
  }

  private static IOException refused(StatusRuntimeException e) {
    return new IOException(
        "registering the search attributes "
            + KEYS.stream().map(SearchAttributeKey::getName).toList()
            + " failed: "
            + e.getStatus(),
        e);
  }

  /** Operator stubs for {@code target}; the caller shuts them down. */
  public static OperatorServiceStubs operator(String target) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
  }

  /** {@code INDEXED_VALUE_TYPE_KEYWORD} → {@code Keyword}, the CLI's spelling. */
  static String cliType(IndexedValueType type) {
    String word = type.name().substring("INDEXED_VALUE_TYPE_".length());
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    };
  }
}
