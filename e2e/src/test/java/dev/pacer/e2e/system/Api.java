package dev.pacer.e2e.system;

import static io.restassured.RestAssured.given;

import dev.pacer.testing.Tokens;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.util.Set;

/** REST calls to one service of the running system, as a caller with roles and departments. */
public final class Api {
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private final PacerSystem system;

    public Api(PacerSystem system) {
        this.system = system;
    }

    /** A request to {@code service} with a bearer token for {@code subject} (roles, departments). */
    public RequestSpecification as(Service service, String subject, Set<String> roles, Set<String> departments) {
        return given().config(CONFIG)
                .baseUri(system.url(service))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .auth().oauth2(Tokens.token(subject, roles, departments));
    }

    public RequestSpecification admin(Service service) {
        return as(service, "admin", Set.of("admin"), Set.of());
    }

    public RequestSpecification steward(Service service, String department) {
        return as(service, "steward-" + department, Set.of("steward"), Set.of(department));
    }

    public RequestSpecification integration(Service service) {
        return as(service, "erp-connector", Set.of("integration"), Set.of());
    }
}
