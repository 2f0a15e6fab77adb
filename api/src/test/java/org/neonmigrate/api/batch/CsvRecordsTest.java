package org.neonmigrate.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

  @Test
  void quotesCommasLineBreaksAndBlankLinesReadAsRfc4180Says() throws Exception {
    assertThat(records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",,\n\nlast"))
        .containsExactly(
            List.of("a", "b,c", "say \"hi\""), List.of("two\nlines", "", ""), List.of("last"));
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedAndOnlyThere() throws Exception {
    assertThat(records("\uFEFFa,b\n\uFEFFc,d"))
        .containsExactly(List.of("a", "b"), List.of("\uFEFFc", "d"));
  }

  @Test
  void aFieldPastItsLimitIsRefusedWithItsColumn() {
    assertThatThrownBy(() -> records("a," + "b".repeat(11) + ",c"))
        .isInstanceOfSatisfying(
            CsvRecords.Unreadable.class, e -> assertThat(e.column()).isEqualTo(1))
        .hasMessage("is longer than 10 characters");
  }

  @Test
  void aQuoteThatIsNeverClosedIsNamedAsTheLikelyCause() {
    assertThatThrownBy(() -> records("\"a,b\nc,d\ne,f\n"))
        .isInstanceOfSatisfying(CsvRecords.Unreadable.class, e -> assertThat(e.column()).isZero())
        .hasMessageContaining("a quote that is never closed");
    assertThatThrownBy(() -> records("a,\"b"))
        .isInstanceOfSatisfying(
            CsvRecords.Unreadable.class, e -> assertThat(e.column()).isEqualTo(1))
        .hasMessage("has a quote that is never closed");
  }

  @Test
  void aRecordPastItsLimitIsRefusedAsAWhole() {
    assertThatThrownBy(() -> records("a,".repeat(20)))
        .isInstanceOfSatisfying(
            CsvRecords.Unreadable.class, e -> assertThat(e.column()).isEqualTo(-1))
        .hasMessage("is longer than 30 characters");
  }

  @Test
  void textThatWasNotInTheCharsetIsRefusedWithItsLine() {
    assertThatThrownBy(() -> records("a,b\nc,\uFFFD"))
        .isInstanceOf(CsvRecords.Unreadable.class)
        .hasMessageContaining("not valid UTF-8 (line 2)");
  }

  private static List<List<String>> records(String text) throws IOException, CsvRecords.Unreadable {
    CsvRecords records = new CsvRecords(new StringReader(text), "UTF-8", 10, 30);
    List<List<String>> all = new ArrayList<>();
    for (List<String> record = records.next(); record != null; record = records.next()) {
      all.add(record);
    }
    return all;
  }
}
