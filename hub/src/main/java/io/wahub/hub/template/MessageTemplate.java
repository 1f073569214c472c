package io.wahub.hub.template;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.wahub.hub.tenant.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A stored template: its content and where it stands with Meta.
 *
 * @param variables    the variables a message must give ({@link TemplateContent#variables()})
 * @param status       Meta's approval status, upper case ({@code PENDING} until Meta's webhook says otherwise;
 *                     {@code APPROVED} at once on the sandbox channel)
 * @param statusReason why, when Meta said (a rejection reason, a pause's explanation)
 * @param quality      Meta's quality rating ({@code GREEN}, {@code YELLOW}, {@code RED}, {@code UNKNOWN}), once
 *                     reported
 * @param approved     whether it may be sent now: {@code APPROVED} or {@code FLAGGED}
 */
public record MessageTemplate(UUID id, @JsonUnwrapped TemplateContent content, List<String> variables,
                              String status, String statusReason, String quality, String metaTemplateId,
                              boolean approved, Instant createdAt, Instant updatedAt) {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    /** The statuses a template can have (Meta's), and that the sandbox lets a tenant set. */
    public static final Set<String> STATUSES = Set.of(APPROVED, PENDING, "REJECTED", "PAUSED", "DISABLED",
            "FLAGGED", "IN_APPEAL", "ARCHIVED", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED");
    private static final Set<String> SENDABLE = Set.of(APPROVED, "FLAGGED");

    public static boolean sendable(String status) {
        return SENDABLE.contains(status);
    }

    /** The status a template saved for {@code tenant} starts with: approved at once on the sandbox (no Meta). */
    public static String initialStatus(Tenant tenant) {
        return Tenant.SANDBOX.equals(tenant.channel()) ? APPROVED : PENDING;
    }
}
