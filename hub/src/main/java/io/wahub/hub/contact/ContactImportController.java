package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactImportRepository.Failure;
import io.wahub.hub.contact.ContactImportRepository.Progress;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV imports of contacts: {@code POST} a {@code text/csv} body (streamed to a temporary file, at most
 * {@code wahub.contacts.import-max-bytes}), answered {@code 202} with the import's id at once; the rows are imported
 * in the background ({@link ContactImporter}); {@code GET …/imports/{id}} tells the progress and the failed lines.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/contacts/imports")
public class ContactImportController {

    /** An import's progress, and failed lines after {@code failuresAfterLine} (at most {@code failuresLimit}). */
    public record ImportView(UUID id, String status, boolean done, long rowsRead, long created, long updated,
                             long failed, String error, java.time.Instant startedAt, java.time.Instant finishedAt,
                             List<Failure> failures) {
    }

    private final ContactImporter importer;
    private final ContactImportRepository imports;
    private final Tenants tenants;
    private final long maxBytes;

    public ContactImportController(ContactImporter importer, ContactImportRepository imports, Tenants tenants,
                                   @Value("${wahub.contacts.import-max-bytes:104857600}") long maxBytes) {
        this.importer = importer;
        this.imports = imports;
        this.tenants = tenants;
        this.maxBytes = maxBytes;
    }

    @PostMapping // any content type: the body is read as CSV (text/csv), and access is checked before anything
    @TenantScoped(Scope.CONTACTS_WRITE)
    public ResponseEntity<ImportView> start(@PathVariable String tenant, InputStream body) {
        tenants.require(tenant);
        Path file = spool(body);
        UUID id = importer.start(tenant, file);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/tenants/" + tenant + "/contacts/imports/" + id))
                .body(view(imports.find(tenant, id).orElseThrow(), List.of()));
    }

    @GetMapping("/{id}")
    @TenantScoped(Scope.CONTACTS_READ)
    public ImportView get(@PathVariable String tenant, @PathVariable UUID id,
                          @RequestParam(defaultValue = "0") long failuresAfterLine,
                          @RequestParam(defaultValue = "100") int failuresLimit) {
        tenants.require(tenant);
        Progress progress = imports.find(tenant, id).orElseThrow(() -> new ProblemException(404,
                "import-not-found", "Import not found", "No contact import " + id + " for tenant '" + tenant + "'."));
        return view(progress, imports.failures(tenant, id, failuresAfterLine, Math.clamp(failuresLimit, 1, 1000)));
    }

    private Path spool(InputStream body) {
        Path file = null;
        try {
            file = Files.createTempFile("wahub-contact-import-", ".csv");
            long written = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    written += n;
                    if (written > maxBytes) {
                        throw new ProblemException(413, "import-too-large", "Import too large",
                                "A contact import may have at most " + maxBytes + " bytes "
                                        + "(wahub.contacts.import-max-bytes); split the file.");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (written == 0) {
                throw ContactController.invalid("body", "an empty file; send a header row and contacts");
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file; the OS clears it
        }
    }

    private static ImportView view(Progress p, List<Failure> failures) {
        return new ImportView(p.id(), p.status(), !p.status().equals("running"), p.rowsRead(), p.created(),
                p.updated(), p.failed(), p.error(), p.startedAt(), p.finishedAt(), failures);
    }
}
