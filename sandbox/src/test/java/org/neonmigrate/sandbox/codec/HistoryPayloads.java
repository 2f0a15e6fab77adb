package org.neonmigrate.sandbox.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Payload} a protobuf message holds, however deep: inputs, results, failures,
 * metadata.
 */
public final class HistoryPayloads {

  private HistoryPayloads() {}

  public static List<Payload> in(Message message) {
    List<Payload> found = new ArrayList<>();
    collect(message, found);
    return found;
  }

  private static void collect(Object value, List<Payload> found) {
    if (value instanceof Payload payload) {
      found.add(payload);
    } else if (value instanceof Message message) {
      for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
        if (field.getKey().isRepeated()) {
          for (Object element : (List<?>) field.getValue()) {
            collect(element, found);
          }
        } else {
          collect(field.getValue(), found);
        }
      }
    }
  }
}
