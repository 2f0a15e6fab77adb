package org.neonmigrate.api.batch;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text (RFC 4180: commas, optional double quotes, CRLF or LF), read one at a
 * time as the text arrives; blank lines are skipped and a leading byte order mark is ignored (Excel
 * writes one). A field or a record longer than its limit is refused where it passes the limit, not
 * gathered, so a file without line breaks or with a quote that is never closed costs no more than a
 * short one.
 */
final class CsvRecords {

  /** Why the next record cannot be read; {@code column} is -1 when it is the record as a whole. */
  static final class Unreadable extends Exception {
    private final int column;

    Unreadable(int column, String rule) {
      super(rule, null, false, false);
      this.column = column;
    }

    int column() {
      return column;
    }
  }

  /** What a decoder puts where the bytes were not text in the charset. */
  private static final char NOT_DECODED = '\uFFFD';

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private final String charset;
  private final int maxFieldChars;
  private final int maxRecordChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private boolean started;
  private int line = 1;

  CsvRecords(Reader in, String charset, int maxFieldChars, int maxRecordChars) {
    this.in = in;
    this.charset = charset;
    this.maxFieldChars = maxFieldChars;
    this.maxRecordChars = maxRecordChars;
  }

  /** The next record, or null at the end of the text. */
  List<String> next() throws IOException, Unreadable {
    if (!started) {
      started = true;
      if (peek() == BYTE_ORDER_MARK) {
        read();
      }
    }
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean cellStarted = false;
    boolean cellQuoted = false;
    int length = 0;
    for (int c = read(); c != -1; c = read()) {
      if (c == NOT_DECODED) {
        throw new Unreadable(
            -1,
            "is not valid %s (line %d): save the file as CSV %s".formatted(charset, line, charset));
      }
      if (++length > maxRecordChars) {
        throw new Unreadable(-1, "is longer than %d characters".formatted(maxRecordChars));
      }
      if (quoted) {
        if (c == '"' && peek() == '"') {
          read();
          cell.append('"');
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          cell.append((char) c);
        }
      } else if (c == '"') {
        quoted = true;
        cellStarted = true;
        cellQuoted = true;
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
        cellStarted = true;
        cellQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        line++;
        if (cellStarted || !record.isEmpty()) {
          record.add(cell.toString());
          return record;
        }
        length = 0;
      } else {
        cell.append((char) c);
        cellStarted = true;
      }
      if (cell.length() > maxFieldChars) {
        throw new Unreadable(
            record.size(),
            "is longer than %d characters%s"
                .formatted(maxFieldChars, cellQuoted ? " (a quote that is never closed?)" : ""));
      }
    }
    if (quoted) {
      throw new Unreadable(record.size(), "has a quote that is never closed");
    }
    if (cellStarted || !record.isEmpty()) {
      record.add(cell.toString());
      return record;
    }
    return null;
  }

  private int read() throws IOException {
    int c = peek();
    if (c != -1) {
      position++;
    }
    return c;
  }

  private int peek() throws IOException {
    while (position == limit) {
      int n = in.read(buffer);
      if (n < 0) {
        return -1;
      }
      position = 0;
      limit = n;
    }
    return buffer[position];
  }
}
