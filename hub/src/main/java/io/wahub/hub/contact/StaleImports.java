package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactImportRepository.ImportRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends contact imports that a stopped node left {@code running}: one with no progress for
 * {@code wahub.contacts.import-lease} (10 minutes; the node running an import marks it every
 * {@code wahub.contacts.import-heartbeat-ms}, a minute) becomes {@code failed} with a reason. It cannot be resumed:
 * its spooled file was on the node that stopped. The rows imported before stay; importing the file again updates
 * them rather than duplicating them. Runs on every node; each import is failed once.
 */
@Component
public class StaleImports {

    private static final Logger LOG = LoggerFactory.getLogger(StaleImports.class);

    private final ContactImportRepository imports;
    private final Clock clock;
    private final Duration lease;

    StaleImports(ContactImportRepository imports, Clock clock,
                 @Value("${wahub.contacts.import-lease:PT10M}") Duration lease) {
        this.imports = imports;
        this.clock = clock;
        this.lease = lease;
    }

    /** Fails the running imports without progress for the lease; returns how many. */
    @Scheduled(fixedDelayString = "${wahub.contacts.import-sweep-ms:60000}",
            initialDelayString = "${wahub.contacts.import-sweep-ms:60000}")
    public int failStale() {
        Instant now = clock.instant();
        List<ImportRef> failed = imports.failStale(now.minus(lease), error(lease), now);
        failed.forEach(ref -> LOG.warn("Contact import {} of tenant {} made no progress for {}: failed", ref.id(),
                ref.tenantId(), lease));
        return failed.size();
    }

    static String error(Duration lease) {
        String period = lease.toSeconds() % 60 == 0 ? lease.toMinutes() + " min" : lease.toSeconds() + " s";
        return "the import made no progress for " + period + " (the hub node running it stopped); the contacts"
                + " imported before are kept: import the file again to finish, rows already imported are updated,"
                + " not duplicated";
    }
}
