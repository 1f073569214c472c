package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactRepository.Row;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.contact.ContactService.View;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import io.wahub.sdk.MessageCategory;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's contacts: list (filters, keyset pages), get, create, change, delete, and record consent. Another
 * tenant's contact ids answer 404 like unknown ones.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/contacts")
public class ContactController {

    /** Fields of a new contact or of a change; a field left out (or null) is not changed. */
    public record ContactRequest(String phone, String name, String language, String country, String timeZone,
                                 List<String> tags, Map<String, Object> attributes) {
    }

    /** A page of contacts and the cursor of the next one (null on the last page). */
    public record Page(List<View> items, String nextCursor) {
    }

    /**
     * A consent decision.
     *
     * @param status {@code opted-in} or {@code opted-out}
     * @param source where it was given (default {@code api}), e.g. {@code checkout-form}
     * @param at     when the customer decided (default: now)
     */
    public record ConsentRequest(String status, String source, Instant at) {
    }

    static final String API_SOURCE = "api";
    private static final Set<String> CONSENT_FILTERS = Set.of("opted-in", "opted-out", "none");

    private final ContactRepository contacts;
    private final ContactService service;
    private final Tenants tenants;

    public ContactController(ContactRepository contacts, ContactService service, Tenants tenants) {
        this.contacts = contacts;
        this.service = service;
        this.tenants = tenants;
    }

    /**
     * Contacts newest first. {@code tag}: only those with it; {@code search}: part of the name (any case) or of the
     * number; {@code consent}: marketing consent {@code opted-in}, {@code opted-out} or {@code none}.
     */
    @GetMapping
    @TenantScoped(Scope.CONTACTS_READ)
    public Page list(@PathVariable String tenant, @RequestParam(required = false) String tag,
                     @RequestParam(required = false) String search, @RequestParam(required = false) String consent,
                     @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
        tenants.require(tenant);
        if (consent != null && !CONSENT_FILTERS.contains(consent)) {
            throw invalid("consent", "one of opted-in, opted-out, none");
        }
        int size = Math.clamp(limit, 1, 500);
        List<Row> rows = contacts.page(tenant, ContactFields.blankToNull(tag), ContactFields.blankToNull(search),
                consent, PageCursor.decode(cursor, true), size);
        String next = rows.size() < size ? null
                : new PageCursor(rows.getLast().createdAt(), rows.getLast().id().toString()).encode();
        return new Page(service.views(tenant, rows), next);
    }

    @GetMapping("/{id}")
    @TenantScoped(Scope.CONTACTS_READ)
    public View get(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        return service.view(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    /** 201 with the contact; 409 {@code contact-exists} (with its {@code id}) when the number is taken. */
    @PostMapping
    @TenantScoped(Scope.CONTACTS_WRITE)
    public ResponseEntity<View> create(@PathVariable String tenant, @RequestBody ContactRequest request) {
        tenants.require(tenant);
        ContactFields.Valid valid = checked(request, true);
        contacts.findByPhone(tenant, valid.phone()).ifPresent(existing -> {
            throw new ProblemException(409, "contact-exists", "Contact exists", "Tenant '" + tenant
                    + "' already has a contact with number " + valid.phone() + ".",
                    Map.of("id", existing.id().toString()));
        });
        Row created = service.upsert(tenant, Write.of(valid, API_SOURCE)).contact();
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/contacts/" + created.id()))
                .body(service.view(tenant, created.id()).orElseThrow());
    }

    /** Changes the given fields; the number cannot change (422 at {@code phone}). */
    @PatchMapping("/{id}")
    @TenantScoped(Scope.CONTACTS_WRITE)
    public View update(@PathVariable String tenant, @PathVariable UUID id, @RequestBody ContactRequest request) {
        tenants.require(tenant);
        Row existing = contacts.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        ContactFields.Valid valid = checked(request, false);
        if (valid.phone() != null && !valid.phone().equals(existing.phone())) {
            throw invalid("phone", "cannot be changed; create a contact with the new number");
        }
        service.upsert(tenant, new Write(existing.phone(), valid.name(), false, valid.language(), valid.country(),
                valid.timeZone(), valid.tags(), valid.attributes(), API_SOURCE));
        return service.view(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    /** Deletes the contact, its consent and its stored inbound messages (its outbox messages stay); 204. */
    @DeleteMapping("/{id}")
    @TenantScoped(Scope.CONTACTS_WRITE)
    public ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        if (!contacts.delete(tenant, id)) {
            throw notFound(tenant, id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Records the contact's decision for {@code category} ({@code marketing}, {@code utility}, …). */
    @PutMapping("/{id}/consent/{category}")
    @TenantScoped(Scope.CONTACTS_WRITE)
    public View consent(@PathVariable String tenant, @PathVariable UUID id, @PathVariable String category,
                        @RequestBody ConsentRequest request) {
        tenants.require(tenant);
        Row contact = contacts.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        MessageCategory parsed;
        try {
            parsed = MessageCategory.valueOf(category.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("category", "one of marketing, utility, authentication, service");
        }
        String status = request.status();
        if (!ConsentRepository.OPTED_IN.equals(status) && !ConsentRepository.OPTED_OUT.equals(status)) {
            throw invalid("status", "one of opted-in, opted-out");
        }
        String source = ContactFields.blankToNull(request.source());
        if (source != null && source.length() > 64) {
            throw invalid("source", "at most 64 characters");
        }
        Instant at = request.at() == null ? service.now() : request.at();
        if (at.isAfter(service.now())) {
            throw invalid("at", "lies in the future");
        }
        service.recordConsent(tenant, contact.phone(), parsed, status, source == null ? API_SOURCE : source, at);
        return service.view(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    private static ContactFields.Valid checked(ContactRequest request, boolean create) {
        var checked = ContactFields.check(new ContactFields.Input(request.phone(), request.name(),
                request.language(), request.country(), request.timeZone(), request.tags(), request.attributes()),
                create);
        if (!checked.ok()) {
            throw new ProblemException(422, "invalid-request", "Invalid request",
                    "Invalid request: " + String.join(", ", checked.errors().keySet()),
                    Map.of("errors", checked.errors()));
        }
        return checked.valid();
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "invalid-request", "Invalid request", "Invalid request: " + field,
                Map.of("errors", Map.of(field, message)));
    }

    static ProblemException notFound(String tenant, UUID id) {
        return new ProblemException(404, "contact-not-found", "Contact not found",
                "No contact " + id + " for tenant '" + tenant + "'.");
    }
}
