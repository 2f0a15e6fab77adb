package org.neonmigrate.sandbox.neon;

/** Thrown by a handler to answer with a status and a GeneralError body (or a given body). */
public final class NeonApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final Object body;

  public NeonApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  private NeonApiError(int status, String code, String message, Object body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }

  /** A non-GeneralError body such as LimitsUnsatisfiedResponse. */
  public static NeonApiError withBody(int status, String message, Object body) {
    return new NeonApiError(status, "", message, body);
  }

  public static NeonApiError badRequest(String message) {
    return new NeonApiError(400, "BAD_REQUEST", message);
  }

  public static NeonApiError notFound(String message) {
    return new NeonApiError(404, "NOT_FOUND", message);
  }

  public static NeonApiError forbidden(String message) {
    return new NeonApiError(403, "FORBIDDEN", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Object body() {
    return body;
  }
}
