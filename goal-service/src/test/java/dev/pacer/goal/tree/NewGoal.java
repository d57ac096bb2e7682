package dev.pacer.goal.tree;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds goal request bodies for tests: as JSON-ready maps for the API, or as {@link GoalRequest}s for the rules. */
public final class NewGoal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> body = new LinkedHashMap<>();

    private NewGoal(String title, String ownerDepartment, String period) {
        body.put("title", title);
        body.put("ownerDepartment", ownerDepartment);
        body.put("period", period);
    }

    /** A goal of the fiscal year 2026 with only what is required. */
    public static NewGoal goal(String title, String ownerDepartment) {
        return new NewGoal(title, ownerDepartment, "FY2026");
    }

    public NewGoal under(Object parentId) {
        return set("parentId", parentId == null ? null : parentId.toString());
    }

    public NewGoal period(String period) {
        return set("period", period);
    }

    public NewGoal window(String from, String to) {
        return set("window", Map.of("fromQuarter", from, "toQuarter", to));
    }

    public NewGoal weight(Object weight) {
        return set("weight", weight);
    }

    public NewGoal contributors(String... departments) {
        return set("contributingDepartments", List.of(departments));
    }

    public NewGoal owner(String department) {
        return set("ownerDepartment", department);
    }

    public NewGoal description(String description) {
        return set("description", description);
    }

    public NewGoal title(String title) {
        return set("title", title);
    }

    public NewGoal measure(String metricKey, Map<String, String> filter, String aggregation) {
        return set("measure", Map.of("metricKey", metricKey, "filter", filter, "aggregation", aggregation));
    }

    public NewGoal targets(Object baseline, Object baseTarget, Object challengeTarget) {
        set("baseline", baseline);
        set("baseTarget", baseTarget);
        return set("challengeTarget", challengeTarget);
    }

    public NewGoal direction(String direction) {
        return set("direction", direction);
    }

    public NewGoal plan(String type, Object... milestones) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("type", type);
        if (milestones.length > 0) {
            plan.put("milestones", List.of(milestones));
        }
        return set("plan", plan);
    }

    /** Any field, including ones the API does not know. */
    public NewGoal set(String field, Object value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }

    public Map<String, Object> json() {
        return new LinkedHashMap<>(body);
    }

    public GoalRequest request() {
        return JSON.convertValue(body, GoalRequest.class);
    }
}
