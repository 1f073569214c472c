package io.wahub.hub.plan;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plans and their limits, readable by anyone signed in. */
@RestController
@RequestMapping("/api/v1/plans")
public class PlanController {

    private final PlanRepository plans;

    public PlanController(PlanRepository plans) {
        this.plans = plans;
    }

    @GetMapping
    public List<Plan> list() {
        return plans.findAll();
    }
}
