package dev.pacer.goal.tree;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds goal request bodies for tests: as JSON-ready maps for the API, or as {@link GoalRequest}s for the rules. */
final class NewGoal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> body = new LinkedHashMap<>();

    private NewGoal(String title, String ownerDepartment, String period) {
        body.put("title", title);
        body.put("ownerDepartment", ownerDepartment);
        body.put("period", period);
    }

    /** A goal of the fiscal year 2026 with only what is required. */
    static NewGoal goal(String title, String ownerDepartment) {
        return new NewGoal(title, ownerDepartment, "FY2026");
    }

    NewGoal under(Object parentId) {
        return set("parentId", parentId == null ? null : parentId.toString());
    }

    NewGoal period(String period) {
        return set("period", period);
    }

    NewGoal window(String from, String to) {
        return set("window", Map.of("fromQuarter", from, "toQuarter", to));
    }

    NewGoal weight(Object weight) {
        return set("weight", weight);
    }

    NewGoal contributors(String... departments) {
        return set("contributingDepartments", List.of(departments));
    }

    NewGoal owner(String department) {
        return set("ownerDepartment", department);
    }

    NewGoal title(String title) {
        return set("title", title);
    }

    NewGoal measure(String metricKey, Map<String, String> filter, String aggregation) {
        return set("measure", Map.of("metricKey", metricKey, "filter", filter, "aggregation", aggregation));
    }

    NewGoal targets(Object baseline, Object baseTarget, Object challengeTarget) {
        set("baseline", baseline);
        set("baseTarget", baseTarget);
        return set("challengeTarget", challengeTarget);
    }

    NewGoal direction(String direction) {
        return set("direction", direction);
    }

    NewGoal plan(String type, Object... milestones) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("type", type);
        if (milestones.length > 0) {
            plan.put("milestones", List.of(milestones));
        }
        return set("plan", plan);
    }

    /** Any field, including ones the API does not know. */
    NewGoal set(String field, Object value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }

    Map<String, Object> json() {
        return new LinkedHashMap<>(body);
    }

    GoalRequest request() {
        return JSON.convertValue(body, GoalRequest.class);
    }
}
