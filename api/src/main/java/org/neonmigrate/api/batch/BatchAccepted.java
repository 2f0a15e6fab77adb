package org.neonmigrate.api.batch;

/** Answer to a batch start: the batch and where to watch it. */
public record BatchAccepted(
    String batchId, String workflowId, String statusUrl, String reportUrl, int total) {

  static BatchAccepted of(String batchId, String workflowId, int total) {
    return new BatchAccepted(
        batchId, workflowId, statusUrl(batchId), statusUrl(batchId) + "/report", total);
  }

  static String statusUrl(String batchId) {
    return "/batches/" + batchId;
  }
}
