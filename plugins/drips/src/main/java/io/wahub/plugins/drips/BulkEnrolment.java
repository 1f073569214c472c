package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.plugins.drips.EnrolmentJobs.Job;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Works through a bulk enrolment one page of {@value #PAGE} contacts per timer run ({@link Job#timerKey}): a segment
 * page by page in phone order, a CSV file line by line. Each run enrols its page ({@link Entry}: three statements,
 * no network call), moves the job's cursor and schedules the next page, so neither memory nor any transaction grows
 * with the number of contacts, and a failed run repeats one page only (its contacts already in are skipped).
 */
final class BulkEnrolment {

    static final int PAGE = 200;
    static final String TIMER_PREFIX = "enrolment-job:";

    private BulkEnrolment() {
    }

    static void start(FeatureContext context, Job job) {
        context.timers().schedule(Job.timerKey(job.id()), context.clock().instant(), null);
    }

    /** Runs the job's next page when its timer fires; nothing for a finished job. */
    static void page(FeatureContext context, UUID jobId) {
        FeatureStore store = context.store();
        Instant now = context.clock().instant();
        Optional<Job> found = EnrolmentJobs.find(store, jobId).filter(j -> j.status().equals(EnrolmentJobs.RUNNING));
        if (found.isEmpty()) {
            return;
        }
        Job job = found.get();
        Optional<Campaign> campaign = Campaigns.find(store, job.campaignId())
                .filter(c -> c.status().equals(Campaign.ACTIVE));
        if (campaign.isEmpty()) {
            EnrolmentJobs.progress(store, job.id(), null, 0, 0, EnrolmentJobs.STOPPED, now);
            return;
        }
        List<Entry.Entrant> entrants = new ArrayList<>();
        String cursor = null;
        if (job.kind().equals("segment")) {
            List<Contacts.Contact> contacts = context.contacts().segment(segment(job.segment()), job.cursor(), PAGE);
            for (Contacts.Contact contact : contacts) {
                entrants.add(new Entry.Entrant(contact.phone(), job.variables()));
                cursor = contact.phone();
            }
        } else {
            int after = job.cursor() == null ? 0 : Integer.parseInt(job.cursor());
            List<EnrolmentJobs.Line> lines = EnrolmentJobs.lines(store, job.id(), after, PAGE);
            for (EnrolmentJobs.Line line : lines) {
                context.contacts().upsert(new Contacts.Update(line.phone(), line.name(), null, null, null));
                Map<String, String> variables = new HashMap<>(job.variables());
                variables.putAll(line.variables());
                entrants.add(new Entry.Entrant(line.phone(), variables));
                cursor = Integer.toString(line.line());
            }
        }
        int seen = entrants.size();
        int enrolled = (int) Entry.enrol(context, campaign.get(), entrants).stream().filter(Optional::isEmpty).count();
        boolean last = seen < PAGE;
        EnrolmentJobs.progress(store, job.id(), cursor, enrolled, seen - enrolled,
                last ? EnrolmentJobs.DONE : EnrolmentJobs.RUNNING, now);
        if (!last) {
            context.timers().schedule(Job.timerKey(job.id()), now, null);
        }
    }

    /** The stored segment {@code {tags: [...], attributes: {...}}}. */
    static Contacts.Segment segment(JsonNode node) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        Map<String, String> attributes = new HashMap<>();
        node.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new Contacts.Segment(tags, attributes);
    }
}
