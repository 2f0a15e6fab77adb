package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.jackson.JacksonDeserializationPreInstantiateCallback;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/**
 * Stands in for Micronaut's pre-instantiation validation of JSON bodies, which fails with a 500
 * when a body is a bare number or array instead of an object. Bodies are validated by
 * {@code @Valid} on the controllers.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(JacksonDeserializationPreInstantiateCallback.class)
public class BodyShapeCheck implements JacksonDeserializationPreInstantiateCallback {

  @Override
  public void preInstantiate(BeanIntrospection<?> introspection, Object... arguments) {
    if (arguments.length != introspection.getConstructorArguments().length) {
      throw Problems.badRequest("The body must be a JSON object with the documented fields.");
    }
  }
}
