package io.wahub.hub.plan;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.wahub.hub.web.ProblemException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The plans seeded by migration; cached for a few seconds because every API-key call reads its tenant's plan. */
@Repository
public class PlanRepository {

    private final JdbcClient jdbc;
    private final LoadingCache<String, Optional<Plan>> cache;

    public PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(1_000)
                .build(this::load);
    }

    public List<Plan> findAll() {
        return jdbc.sql("SELECT * FROM plan ORDER BY rank, id").query(PlanRepository::map).list();
    }

    public Optional<Plan> find(String id) {
        return cache.get(id);
    }

    /** The plan, or a 422 problem naming the id (a request referred to a plan that does not exist). */
    public Plan require(String id) {
        return find(id).orElseThrow(() -> new ProblemException(422, "unknown-plan", "Unknown plan",
                "No plan with id '" + id + "'.", java.util.Map.of("errors", java.util.Map.of("plan", "unknown plan"))));
    }

    private Optional<Plan> load(String id) {
        return jdbc.sql("SELECT * FROM plan WHERE id = :id").param("id", id).query(PlanRepository::map).optional();
    }

    private static Plan map(ResultSet rs, int row) throws SQLException {
        Array features = rs.getArray("features");
        List<String> allowed = features == null ? null
                : List.copyOf(new TreeSet<>(List.of((String[]) features.getArray())));
        return new Plan(rs.getString("id"), rs.getString("name"), (Integer) rs.getObject("messages_per_month"),
                (Integer) rs.getObject("api_calls_per_minute"), (Integer) rs.getObject("contacts"),
                allowed, (Integer) rs.getObject("sends_per_minute"));
    }
}
