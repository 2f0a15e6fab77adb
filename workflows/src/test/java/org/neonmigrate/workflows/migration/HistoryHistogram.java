package org.neonmigrate.workflows.migration;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts a history's events by type and by what produced them (the activity and its summary, the
 * timer, the signal, the search attribute, the marker), to see where a run's events go.
 */
final class HistoryHistogram {
  private final Map<String, Integer> byType = new TreeMap<>();
  private final Map<String, Integer> bySource = new TreeMap<>();
  private final int total;

  HistoryHistogram(List<HistoryEvent> events) {
    Map<Long, String> origins = new HashMap<>();
    for (HistoryEvent event : events) {
      String type = event.getEventType().name().replace("EVENT_TYPE_", "");
      byType.merge(type, 1, Integer::sum);
      String source = sourceOf(event, origins);
      origins.put(event.getEventId(), source);
      bySource.merge(source, 1, Integer::sum);
    }
    total = events.size();
  }

  int total() {
    return total;
  }

  int count(String type) {
    return byType.getOrDefault(type, 0);
  }

  /** Events whose source starts with {@code prefix}, e.g. "activity notifyOperators". */
  int countFrom(String prefix) {
    return bySource.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  @Override
  public String toString() {
    return "total "
        + total
        + "\nby type:\n"
        + lines(byType)
        + "by source (activities, timers and external signals count their follow-up events):\n"
        + lines(bySource);
  }

  private static String lines(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> String.format("  %4d  %s%n", e.getValue(), e.getKey()))
        .collect(Collectors.joining());
  }

  private static String sourceOf(HistoryEvent event, Map<Long, String> origins) {
    return switch (event.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
          "activity "
              + event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
              + summary(event);
      case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
          origins.get(event.getActivityTaskStartedEventAttributes().getScheduledEventId());
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          origins.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
      case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
          origins.get(event.getActivityTaskFailedEventAttributes().getScheduledEventId());
      case EVENT_TYPE_TIMER_STARTED ->
          "timer "
              + event.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()
              + "s"
              + summary(event);
      case EVENT_TYPE_TIMER_FIRED ->
          origins.get(event.getTimerFiredEventAttributes().getStartedEventId());
      case EVENT_TYPE_TIMER_CANCELED ->
          origins.get(event.getTimerCanceledEventAttributes().getStartedEventId());
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED ->
          "signal received " + event.getWorkflowExecutionSignaledEventAttributes().getSignalName();
      case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          "signal sent "
              + event.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getSignalName();
      case EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED ->
          origins.get(
              event.getExternalWorkflowExecutionSignaledEventAttributes().getInitiatedEventId());
      case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
          "upsert "
              + String.join(
                  ",",
                  event
                      .getUpsertWorkflowSearchAttributesEventAttributes()
                      .getSearchAttributes()
                      .getIndexedFieldsMap()
                      .keySet());
      case EVENT_TYPE_MARKER_RECORDED ->
          "marker "
              + event.getMarkerRecordedEventAttributes().getMarkerName()
              + event.getMarkerRecordedEventAttributes().getDetailsMap().entrySet().stream()
                  .filter(e -> e.getKey().equals("changeId"))
                  .map(e -> " " + text(e.getValue().getPayloads(0)))
                  .collect(Collectors.joining());
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED ->
          "update "
              + event
                  .getWorkflowExecutionUpdateAcceptedEventAttributes()
                  .getAcceptedRequest()
                  .getInput()
                  .getName();
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> "update completed";
      default -> "workflow " + event.getEventType().name().replace("EVENT_TYPE_", "");
    };
  }

  private static String summary(HistoryEvent event) {
    if (!event.hasUserMetadata() || !event.getUserMetadata().hasSummary()) {
      return "";
    }
    return " (" + text(event.getUserMetadata().getSummary()) + ")";
  }

  private static String text(Payload payload) {
    return payload.getData().toString(StandardCharsets.UTF_8);
  }
}
