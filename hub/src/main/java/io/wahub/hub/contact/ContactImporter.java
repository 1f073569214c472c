package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactImportRepository.Counts;
import io.wahub.hub.contact.ContactImportRepository.Failure;
import io.wahub.hub.contact.ContactImportRepository.ImportRef;
import io.wahub.hub.contact.ContactRepository.Write;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Imports a spooled CSV file of contacts in the background, in chunks of {@value #CHUNK} rows: each chunk is one
 * upsert statement, then the import's figures and the chunk's failed lines are written, so memory stays bounded by
 * the chunk whatever the file's size, and {@code GET …/imports/{id}} shows the progress as it goes. At most
 * {@code wahub.contacts.concurrent-imports} (2) imports run at once on a node; others wait their turn.
 *
 * <p>The header row names the columns (any case): {@code phone} (required), {@code name}, {@code language},
 * {@code country} (also the region of numbers written without a country prefix), {@code time_zone}
 * ({@code timezone}), {@code tags} (separated by {@code ;} or {@code |}); any other column becomes an attribute.
 * Empty cells leave a field as it is.
 *
 * <p>While an import is on this node (running or waiting for its turn) the node marks it as making progress every
 * {@code wahub.contacts.import-heartbeat-ms}; one left {@code running} by a node that stopped is failed by
 * {@link StaleImports}.
 */
@Component
class ContactImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ContactImporter.class);
    static final int CHUNK = 1000;
    /** The source of the contacts an import creates. */
    static final String SOURCE = "import";
    private static final Set<String> KNOWN = Set.of("phone", "name", "language", "country", "time_zone", "timezone",
            "tags");

    private final ContactImportRepository imports;
    private final ContactBatchUpsert contacts;
    private final Clock clock;
    private final Semaphore running;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<ImportRef> onThisNode = ConcurrentHashMap.newKeySet();

    ContactImporter(ContactImportRepository imports, ContactBatchUpsert contacts, Clock clock,
                    @Value("${wahub.contacts.concurrent-imports:2}") int concurrentImports) {
        this.imports = imports;
        this.contacts = contacts;
        this.clock = clock;
        this.running = new Semaphore(concurrentImports);
    }

    /** Starts importing {@code file} (deleted afterwards) for the tenant; returns the import's id at once. */
    UUID start(String tenantId, Path file) {
        UUID id = UUID.randomUUID();
        imports.start(tenantId, id, clock.instant());
        ImportRef ref = new ImportRef(tenantId, id);
        onThisNode.add(ref);
        threads.submit(() -> {
            try {
                running.acquire();
                try {
                    run(tenantId, id, file);
                } finally {
                    running.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                imports.finish(tenantId, id, "the hub stopped before the import ran", clock.instant());
            } finally {
                onThisNode.remove(ref);
                deleteQuietly(file);
            }
        });
        return id;
    }

    /** Marks the imports on this node as making progress, so {@link StaleImports} leaves them alone. */
    @Scheduled(fixedDelayString = "${wahub.contacts.import-heartbeat-ms:60000}")
    void heartbeat() {
        imports.heartbeat(List.copyOf(onThisNode), clock.instant());
    }

    void run(String tenantId, UUID id, Path file) {
        try (Reader reader = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .setIgnoreEmptyLines(true).get().parse(reader)) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            if (!columns.containsKey("phone")) {
                imports.finish(tenantId, id, "the header row has no phone column", clock.instant());
                return;
            }
            Chunk chunk = new Chunk();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                chunk.rowsRead++;
                ContactFields.Checked checked = ContactFields.check(input(record, columns), true);
                if (!checked.ok()) {
                    chunk.failures.add(new Failure(line, describe(checked.errors())));
                } else {
                    if (chunk.phones.contains(checked.valid().phone())) {
                        write(tenantId, id, chunk); // the same number again: the earlier row goes first
                        chunk = new Chunk();
                    }
                    chunk.add(Write.of(checked.valid(), SOURCE));
                }
                if (chunk.rowsRead >= CHUNK) {
                    write(tenantId, id, chunk);
                    chunk = new Chunk();
                }
            }
            write(tenantId, id, chunk);
            imports.finish(tenantId, id, null, clock.instant());
        } catch (GivenUp e) {
            LOG.info("Contact import {} of tenant {} stopped: it was given up as stale", id, tenantId);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            LOG.info("Contact import {} of tenant {} stopped: {}", id, tenantId, e.toString());
            imports.finish(tenantId, id, "not a readable CSV file: " + cut(e.getMessage()), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Contact import {} of tenant {} failed", id, tenantId, e);
            imports.finish(tenantId, id, "the import failed: " + cut(e.toString()), clock.instant());
        }
    }

    private void write(String tenantId, UUID id, Chunk chunk) {
        if (chunk.rowsRead == 0) {
            return;
        }
        Counts counts = chunk.writes.isEmpty() ? new Counts(0, 0)
                : contacts.upsert(tenantId, chunk.writes, clock.instant());
        if (!imports.progress(tenantId, id, chunk.rowsRead, counts, chunk.failures, clock.instant())) {
            throw new GivenUp();
        }
    }

    /** The import is no longer running in the database (failed as stale): this node stops reading it. */
    private static final class GivenUp extends RuntimeException {
        GivenUp() {
            super(null, null, false, false);
        }
    }

    /** Lower-case column name → the header as written. */
    private static Map<String, String> columns(List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        header.forEach(name -> columns.putIfAbsent(name.strip().toLowerCase(Locale.ROOT).replace("timezone",
                "time_zone"), name));
        return columns;
    }

    private static ContactFields.Input input(CSVRecord record, Map<String, String> columns) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        columns.forEach((key, header) -> {
            String value = cell(record, header);
            if (!KNOWN.contains(key) && value != null && !header.isBlank()) {
                attributes.put(header.strip(), value);
            }
        });
        String tags = cell(record, columns.get("tags"));
        return new ContactFields.Input(cell(record, columns.get("phone")), cell(record, columns.get("name")),
                cell(record, columns.get("language")), cell(record, columns.get("country")),
                cell(record, columns.get("time_zone")), tags == null ? null : List.of(tags.split("[;|]")),
                attributes.isEmpty() ? null : attributes);
    }

    private static String cell(CSVRecord record, String header) {
        return header == null || !record.isSet(header) ? null : ContactFields.blankToNull(record.get(header));
    }

    private static String describe(Map<String, String> errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach((field, message) -> parts.add(field + ": " + message));
        return cut(String.join("; ", parts));
    }

    private static String cut(String message) {
        return message == null ? "" : message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the spooled import {}: {}", file, e.toString());
        }
    }

    /** The rows of one chunk: the valid ones to write (numbers distinct) and the failed lines. */
    private static final class Chunk {
        final List<Write> writes = new ArrayList<>();
        final Set<String> phones = new HashSet<>();
        final List<Failure> failures = new ArrayList<>();
        long rowsRead;

        void add(Write write) {
            writes.add(write);
            phones.add(write.phone());
        }
    }
}
