package io.wahub.plugins.drips;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: comma separated, fields optionally in double quotes, {@code ""} for a quote inside, line breaks
 * inside quotes) one record at a time from a reader, so a file is never held as a list of lines. A record longer than
 * {@value #MAX_RECORD_CHARS} characters is an error, so one bad line cannot take the memory either.
 */
final class CsvReader {

    static final int MAX_RECORD_CHARS = 4096;

    private final Reader in;
    private int line;
    private int startLine;
    private int peeked = -2;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The line number (1-based) the last record read started on. */
    int line() {
        return startLine;
    }

    /**
     * The next record's fields, or null at the end.
     *
     * @throws IllegalArgumentException for an unclosed quote or a record that is too long (the reader then skips to
     *                                  the next line)
     */
    List<String> next() {
        int c = read();
        if (c == -1) {
            return null;
        }
        line++;
        startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int chars = 0;
        while (true) {
            if (++chars > MAX_RECORD_CHARS) {
                skipLine(c);
                throw new IllegalArgumentException("the line is longer than " + MAX_RECORD_CHARS + " characters");
            }
            if (quoted) {
                if (c == -1) {
                    throw new IllegalArgumentException("a quote is not closed");
                } else if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == -1) {
                break;
            } else if (c != '\r') {
                field.append((char) c);
            }
            c = read();
        }
        fields.add(field.toString());
        return fields;
    }

    private void skipLine(int c) {
        while (c != '\n' && c != -1) {
            c = read();
        }
    }

    private int peek() {
        if (peeked == -2) {
            peeked = readRaw();
        }
        return peeked;
    }

    private int read() {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return readRaw();
    }

    private int readRaw() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
