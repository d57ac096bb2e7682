package dev.pacer.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drives the /sources API in tests: builds source bodies, starts runs and waits for them to end. */
public final class SourceClient {
    private final String token;

    public SourceClient(String token) {
        this.token = token;
    }

    /** A JDBC source body; change what a test needs with {@link Map#put}. */
    public static Map<String, Object> jdbcSource(String name, String dataset, Map<String, Object> jdbc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("dataset", dataset);
        body.put("department", "sales");
        body.put("jdbc", jdbc);
        return body;
    }

    public static Map<String, Object> jdbc(String url, String user, String password, String query, String mode) {
        Map<String, Object> jdbc = new LinkedHashMap<>();
        jdbc.put("url", url);
        jdbc.put("user", user);
        jdbc.put("password", password);
        jdbc.put("query", query);
        jdbc.put("mode", mode);
        return jdbc;
    }

    /** Creates a source and returns its id. */
    public String create(Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/sources").then().statusCode(201).extract().path("id");
    }

    /** Starts a run and waits (60 s at most) until it ended; returns the finished run. */
    public JsonPath runAndWait(String sourceId) {
        Number runId = given().auth().oauth2(token).post("/sources/" + sourceId + "/runs")
                .then().statusCode(202).extract().path("id");
        return awaitRun(sourceId, runId.longValue());
    }

    public JsonPath awaitRun(String sourceId, long runId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonPath run = given().auth().oauth2(token).get("/sources/" + sourceId + "/runs/" + runId)
                    .then().statusCode(200).extract().jsonPath()
                    .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
            if (!"RUNNING".equals(run.getString("status"))) {
                return run;
            }
            assertThat(Instant.now()).as("run %d of source %s ended in time", runId, sourceId).isBefore(deadline);
            TestCatalog.sleep(100);
        }
    }

    public JsonPath get(String sourceId) {
        return given().auth().oauth2(token).get("/sources/" + sourceId).then().statusCode(200).extract().jsonPath();
    }
}
