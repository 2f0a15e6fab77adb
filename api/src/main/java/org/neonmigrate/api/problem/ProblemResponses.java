package org.neonmigrate.api.problem;

/** Descriptions of the error answers the OpenAPI document lists, shared by the controllers. */
public final class ProblemResponses {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static final String BAD_REQUEST = "the request breaks an input rule (see violations)";
  public static final String UNAUTHORIZED = "no token, or one that is not configured";
  public static final String FORBIDDEN = "the token's roles do not allow this";
  public static final String NOT_ACCEPTABLE = "none of the Accept header's types can be answered";
  public static final String UNSUPPORTED_MEDIA_TYPE = "the body's Content-Type is not accepted";
  public static final String TOO_LARGE = "the body is larger than this endpoint takes";
  public static final String BAD_GATEWAY = "Temporal refused the call";
  public static final String UNAVAILABLE =
      "Temporal could not be reached or did not answer in time";

  private ProblemResponses() {}
}
