package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactRepository.Row;
import io.wahub.hub.contact.ConversationRepository.Entry;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A contact's conversation: inbound and outbound messages with their statuses, newest first, in keyset pages. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/contacts/{id}/conversation")
public class ConversationController {

    /**
     * A page of the timeline.
     *
     * @param windowOpenUntil when the contact's customer-service window closes (null: never wrote)
     * @param windowOpen      whether it is open now, by the hub's clock
     * @param nextCursor      the cursor of the next page (null on the last one)
     */
    public record Timeline(UUID contactId, String phone, Instant windowOpenUntil, boolean windowOpen,
                           List<Entry> items, String nextCursor) {
    }

    private final ContactRepository contacts;
    private final ConversationRepository conversations;
    private final ContactService service;
    private final Tenants tenants;

    public ConversationController(ContactRepository contacts, ConversationRepository conversations,
                                  ContactService service, Tenants tenants) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.service = service;
        this.tenants = tenants;
    }

    @GetMapping
    @TenantScoped(Scope.CONTACTS_READ)
    public Timeline conversation(@PathVariable String tenant, @PathVariable UUID id,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(defaultValue = "50") int limit) {
        tenants.require(tenant);
        Row contact = contacts.find(tenant, id).orElseThrow(() -> ContactController.notFound(tenant, id));
        int size = Math.clamp(limit, 1, 200);
        List<Entry> items = conversations.page(tenant, id, contact.phone(), PageCursor.decode(cursor), size);
        String next = items.size() < size ? null : new PageCursor(items.getLast().at(), items.getLast().id()).encode();
        Instant until = ContactService.windowOpenUntil(contact);
        return new Timeline(id, contact.phone(), until, until != null && service.now().isBefore(until), items, next);
    }
}
