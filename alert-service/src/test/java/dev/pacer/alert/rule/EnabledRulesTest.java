package dev.pacer.alert.rule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's enabled rules come from memory while no rule changed: a change through the API is seen at once,
 * and so is one committed by another replica (here: the same SQL another replica's change runs), because every change
 * raises {@code rule_version} in its own transaction.
 */
@QuarkusTest
@PacerTestStack
class EnabledRulesTest {
    @Inject
    RuleService rules;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void rulesChangedHereOrByAnotherReplicaAreSeenByTheNextEvaluation() throws Exception {
        String department = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        String goal = "goal-" + UUID.randomUUID();
        String manager = Tokens.token("mia", Set.of("manager"), Set.of(department));
        String id = given().auth().oauth2(manager).contentType("application/json").body(Map.of("name", "Behind",
                        "kind", "GOAL_PACE", "parameters", Map.of("worseThan", "ON_TRACK"),
                        "scope", Map.of("type", "GOAL", "key", goal), "departments", List.of(department),
                        "severity", "WARNING"))
                .post("/rules").then().statusCode(201).extract().path("id");
        assertThat(enabledOn(goal)).as("created through the API").containsExactly(id);

        given().auth().oauth2(manager).header("If-Match", "\"1\"").delete("/rules/" + id).then().statusCode(204);
        assertThat(enabledOn(goal)).as("deleted through the API").isEmpty();

        String other = given().auth().oauth2(manager).contentType("application/json").body(Map.of("name", "Behind",
                        "kind", "GOAL_PACE", "parameters", Map.of("worseThan", "AT_RISK"),
                        "scope", Map.of("type", "GOAL", "key", goal), "departments", List.of(department),
                        "severity", "WARNING"))
                .post("/rules").then().statusCode(201).extract().path("id");
        assertThat(enabledOn(goal)).containsExactly(other);
        try (Connection c = dataSource.getConnection()) { // another replica disables it
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("update alert_rule set enabled = false where id = ?")) {
                ps.setObject(1, UUID.fromString(other));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update rule_version set version = version + 1")) {
                ps.executeUpdate();
            }
            c.commit();
        }
        assertThat(enabledOn(goal)).as("disabled by another replica").isEmpty();
    }

    private List<String> enabledOn(String goal) {
        return QuarkusTransaction.requiringNew().call(() -> rules.enabled(Set.of(RuleKind.GOAL_PACE), ScopeType.GOAL,
                Set.of(goal)).stream().map(r -> r.id().toString()).toList());
    }
}
