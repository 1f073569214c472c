package io.wahub.hub.contact;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The words that opt a contact out of marketing (STOP and its equivalents) or back in (START …), and the texts
 * that confirm each, per tenant: the tenant's own list when it saved one, else {@link #DEFAULTS}. A message matches
 * a word when they are equal after {@link #normalise}: case, accents, surrounding blanks and punctuation ignored
 * ({@code "  Arrêt!"} is {@code ARRET}).
 */
@Repository
public class ConsentKeywords {

    /** A tenant's keywords and confirmation texts. */
    public record Keywords(List<String> stopWords, List<String> startWords, String stopReply, String startReply) {

        /** What {@code text} asks for: {@code stop}, {@code start}, or nothing. */
        public Optional<String> match(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String said = normalise(text);
            if (said.isEmpty() || said.length() > 40) {
                return Optional.empty();
            }
            if (stopWords.stream().anyMatch(word -> normalise(word).equals(said))) {
                return Optional.of("stop");
            }
            if (startWords.stream().anyMatch(word -> normalise(word).equals(said))) {
                return Optional.of("start");
            }
            return Optional.empty();
        }
    }

    /** English, Spanish, Portuguese, German, French and Italian. */
    public static final Keywords DEFAULTS = new Keywords(
            List.of("STOP", "STOP PROMOTIONS", "UNSUBSCRIBE", "OPT OUT", "BAJA", "PARAR", "SAIR", "STOPP",
                    "ABMELDEN", "ARRÊT", "DÉSABONNER", "DISISCRIVIMI"),
            List.of("START", "SUBSCRIBE", "UNSTOP", "RESUME PROMOTIONS", "ALTA", "VOLTAR", "ANMELDEN", "REPRENDRE",
                    "ISCRIVIMI"),
            "You will no longer receive marketing messages from us. Reply START to receive them again.",
            "You will receive our marketing messages again. Reply STOP to stop them.");

    private final JdbcClient jdbc;

    public ConsentKeywords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's keywords, or the defaults. */
    public Keywords of(String tenantId) {
        return saved(tenantId).orElse(DEFAULTS);
    }

    /** The keywords the tenant saved, if any. */
    public Optional<Keywords> saved(String tenantId) {
        return jdbc.sql("""
                        SELECT stop_words, start_words, stop_reply, start_reply FROM consent_keywords
                        WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenantId)
                .query((rs, n) -> new Keywords(List.of((String[]) rs.getArray("stop_words").getArray()),
                        List.of((String[]) rs.getArray("start_words").getArray()), rs.getString("stop_reply"),
                        rs.getString("start_reply")))
                .optional();
    }

    /** Replaces the tenant's keywords. */
    public void save(String tenantId, Keywords keywords, Instant now) {
        jdbc.sql("""
                        INSERT INTO consent_keywords (tenant_id, stop_words, start_words, stop_reply, start_reply,
                                                      updated_at)
                        VALUES (:tenant, :stop, :start, :stopReply, :startReply, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET stop_words = EXCLUDED.stop_words,
                            start_words = EXCLUDED.start_words, stop_reply = EXCLUDED.stop_reply,
                            start_reply = EXCLUDED.start_reply, updated_at = EXCLUDED.updated_at
                        """)
                .param("tenant", tenantId)
                .param("stop", new SqlArrayValue("text", keywords.stopWords().toArray()))
                .param("start", new SqlArrayValue("text", keywords.startWords().toArray()))
                .param("stopReply", keywords.stopReply()).param("startReply", keywords.startReply())
                .param("now", Timestamp.from(now)).update();
    }

    /** Back to the defaults. */
    public void reset(String tenantId) {
        jdbc.sql("DELETE FROM consent_keywords WHERE tenant_id = :tenant").param("tenant", tenantId).update();
    }

    /** Upper case without accents, blanks collapsed, surrounding punctuation removed. */
    static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toUpperCase(Locale.ROOT).replaceAll("[\\p{Punct}¡¿\\s]+$", "")
                .replaceAll("^[\\p{Punct}¡¿\\s]+", "").replaceAll("\\s+", " ");
    }
}
