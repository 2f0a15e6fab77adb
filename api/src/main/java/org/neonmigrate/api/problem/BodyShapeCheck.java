package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.type.Argument;
import io.micronaut.jackson.JacksonDeserializationPreInstantiateCallback;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/**
 * Stands in for Micronaut's pre-instantiation validation of JSON bodies, which fails with a 500
 * when a body is a bare number or array instead of an object, and with a 500 when a bare {@code
 * false} or {@code 0} is handed to a one-field record (e.g. the optional body of pause). Bodies are
 * validated by {@code @Valid} on the controllers.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(JacksonDeserializationPreInstantiateCallback.class)
public class BodyShapeCheck implements JacksonDeserializationPreInstantiateCallback {

  @Override
  public void preInstantiate(BeanIntrospection<?> introspection, Object... arguments) {
    Argument<?>[] parameters = introspection.getConstructorArguments();
    if (arguments.length != parameters.length) {
      throw notAnObject();
    }
    // a bare true, 0 or 1.5 reaches a one-field record's constructor as that value
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] != null && !parameters[i].getWrapperType().isInstance(arguments[i])) {
        throw notAnObject();
      }
    }
  }

  private static RuntimeException notAnObject() {
    return Problems.badRequest("The body must be a JSON object with the documented fields.");
  }
}
