package io.wahub.plugins.drips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks_andCountsLines() {
        CsvReader csv = new CsvReader(new StringReader("phone,note\r\n+491,\"a, \"\"b\"\"\"\n+492,\"two\nlines\"\n+493,x"));

        assertThat(csv.next()).containsExactly("phone", "note");
        assertThat(csv.next()).containsExactly("+491", "a, \"b\"");
        assertThat(csv.line()).isEqualTo(2);
        assertThat(csv.next()).containsExactly("+492", "two\nlines");
        assertThat(csv.line()).isEqualTo(3);
        assertThat(csv.next()).containsExactly("+493", "x");
        assertThat(csv.line()).isEqualTo(5);
        assertThat(csv.next()).isNull();
    }

    @Test
    void aTooLongLine_isAnError_andReadingGoesOnWithTheNextLine() {
        String longLine = "+491," + "y".repeat(CsvReader.MAX_RECORD_CHARS + 10);
        CsvReader csv = new CsvReader(new StringReader(longLine + "\n+492,ok\n"));

        assertThatThrownBy(csv::next).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the line is longer than 4096 characters");
        assertThat(csv.next()).isEqualTo(List.of("+492", "ok"));
        assertThat(csv.line()).isEqualTo(2);
    }

    @Test
    void anUnclosedQuote_isAnError() {
        assertThatThrownBy(() -> new CsvReader(new StringReader("+491,\"open")).next())
                .hasMessage("a quote is not closed");
    }
}
