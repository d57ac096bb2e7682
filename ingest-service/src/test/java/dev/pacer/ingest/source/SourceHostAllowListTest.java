package dev.pacer.ingest.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.SourceClient;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.hosts.HostAllowList;
import dev.pacer.ingest.hosts.HostNames;
import dev.pacer.ingest.hosts.SourceHosts;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PACER_INGEST_SOURCE_HOSTS: sources are saved, previewed, tested and run only against allowed hosts. */
@QuarkusTest
@PacerTestStack
class SourceHostAllowListTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    private static final String QUERY = "select 10248 as order_id, 11 as product_id, 'VINET' as customer_id, "
            + "date '1996-07-04' as order_date, 14.00 as unit_price, 12 as quantity";

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;

    private final SourceClient sources = new SourceClient(STEWARD);
    private String dataset;

    @BeforeEach
    void defineDataset() {
        dataset = TestCatalog.defineOrderLines(json, schemas);
    }

    /** Installs an allow-list for this test, with {@code localhost} resolving to the address given. */
    private static void allow(String list, String localhostResolvesTo) {
        HostAllowList.Resolver dns = name -> {
            if (name.equals("localhost")) {
                return new InetAddress[] {HostNames.address(localhostResolvesTo)};
            }
            throw new UnknownHostException(name);
        };
        QuarkusMock.installMockForType(new SourceHosts(HostAllowList.parse(list), dns), SourceHosts.class);
    }

    private Map<String, Object> jdbcSource(String host) {
        Map<String, Object> jdbc = SourceClient.jdbc("jdbc:postgresql://" + host + ":5432/pacer_test?user=postgres",
                "postgres", PASSWORD, QUERY, "INCREMENTAL");
        jdbc.put("idColumn", "order_id");
        return SourceClient.jdbcSource("source " + UUID.randomUUID(), dataset, jdbc);
    }

    private Map<String, Object> httpSource(String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "api " + UUID.randomUUID());
        body.put("dataset", dataset);
        body.put("department", "sales");
        body.put("kind", "HTTP");
        body.put("http", Map.of("url", url, "authValue", "Bearer " + PASSWORD));
        return body;
    }

    @Test
    void sourcesNamingAHostOutsideTheListAreRefusedNamingTheField() {
        allow("*.example.com, 10.20.0.0/16", "127.0.0.1");
        String problem = given().auth().oauth2(STEWARD).contentType("application/json")
                .body(jdbcSource("127.0.0.1")).post("/sources").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("jdbc.url"))
                .body("errors.find { it.field == 'jdbc.url' }.message", containsString("names host '127.0.0.1'"))
                .extract().asString();
        assertThat(problem).doesNotContain(PASSWORD).doesNotContain("10.20.0.0").doesNotContain("example.com");

        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(httpSource("http://169.254.169.254/latest/meta-data/")).post("/sources").then().statusCode(400)
                .body("errors.field", hasItem("http.url"))
                .body("errors.find { it.field == 'http.url' }.message",
                        containsString("not among the hosts sources may connect to (PACER_INGEST_SOURCE_HOSTS)"));
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(httpSource("https://crm.example.com/api/orders")).post("/sources").then().statusCode(201);

        given().auth().oauth2(STEWARD).contentType("application/json").body(jdbcSource("localhost"))
                .post("/sources/preview").then().statusCode(400).body("errors.field", hasItem("jdbc.url"))
                .body("errors.find { it.field == 'jdbc.url' }.message",
                        containsString("resolves to an address outside"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(jdbcSource("127.0.0.1").get("jdbc"))
                .post("/sources/test").then().statusCode(200).body("ok", equalTo(false))
                .body("message", containsString("names host '127.0.0.1'"));
    }

    @Test
    void anUpdateToAHostOutsideTheListIsRefused() {
        allow("127.0.0.1", "127.0.0.1");
        String id = sources.create(jdbcSource("127.0.0.1"));
        Map<String, Object> moved = jdbcSource("10.9.9.9");
        moved.put("name", sources.get(id).getString("name"));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(moved)
                .put("/sources/" + id).then().statusCode(400).body("errors.field", hasItem("jdbc.url"))
                .body("errors.field", not(hasItem("jdbc.query")));
    }

    @Test
    void aNameThatResolvesOutsideTheRangesByRunTimeFailsTheRunWithTheCursorUnchanged() {
        allow("127.0.0.0/8", "127.0.0.1");
        String id = sources.create(jdbcSource("localhost"));
        var first = sources.runAndWait(id);
        assertThat(first.getString("status")).as(first.prettify()).isEqualTo("SUCCEEDED");
        assertThat(first.getLong("published")).isEqualTo(1);
        String cursor = sources.get(id).getString("cursor.id");
        assertThat(cursor).isNotNull();

        allow("127.0.0.0/8", "169.254.169.254"); // the name now resolves to the cloud metadata address
        var refused = sources.runAndWait(id);
        assertThat(refused.getString("status")).isEqualTo("FAILED");
        assertThat(refused.getString("message")).contains("names host 'localhost'")
                .contains("resolves to an address outside the ranges of PACER_INGEST_SOURCE_HOSTS")
                .contains("Nothing was read").doesNotContain("169.254");
        assertThat(refused.getLong("published")).isZero();
        assertThat(refused.getLong("rowsRead")).isZero();
        assertThat(sources.get(id).getString("cursor.id")).isEqualTo(cursor);
        given().auth().oauth2(STEWARD).post("/sources/" + id + "/test").then().statusCode(200)
                .body("ok", equalTo(false)).body("message", containsString("resolves to an address outside"));
    }
}
