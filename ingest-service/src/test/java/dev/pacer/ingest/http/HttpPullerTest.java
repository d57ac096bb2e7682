package dev.pacer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.pacer.ingest.TestDatasets;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.jdbc.SourceFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The puller against a real HTTP server that answers from a script; waits between attempts are recorded, not slept. */
class HttpPullerTest {
    private static final String TOKEN = "Bearer tok-7f3a9c";
    private static final Map<String, String> MAPPING = Map.of("order_id", "order.id", "customer_id", "order.customer",
            "order_date", "order.date", "product_id", "product", "unit_price", "price", "quantity", "qty");
    private static final String LINE = "{\"order\": {\"id\": 10248, \"customer\": \"VINET\", \"date\": \"1996-07-04\"}, "
            + "\"product\": 11, \"price\": 14.10, \"qty\": 12, \"updated_at\": \"2024-01-01T00:00:00Z\"}";

    /** One scripted answer. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private HttpServer server;
    private HttpPuller puller;
    private final DatasetSchema schema = DatasetSchema.fromDefinition("orders_t", 1,
            TestDatasets.orderLines("orders_t", 1));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                seen.add(ex.getRequestURI() + " auth=" + ex.getRequestHeaders().getFirst("X-Api-Key"));
                Answer a = script.poll();
                if (a == null) {
                    a = new Answer(500, Map.of(), "script exhausted");
                }
                a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    ex.getResponseBody().write(body);
                }
            }
        });
        server.start();
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
        puller = new HttpPuller(HttpPuller.client(Duration.ofSeconds(5)), Duration.ofSeconds(5),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)), 10_000, new ObjectMapper(), clock,
                waits::add);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Settings api(String path) {
        return Settings.get("http://127.0.0.1:" + server.getAddress().getPort() + path).auth("X-Api-Key", TOKEN);
    }

    private void answer(int status, String body, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        script.add(new Answer(status, h, body));
    }

    private List<HttpPuller.Chunk> pull(HttpSettings settings) {
        List<HttpPuller.Chunk> chunks = new ArrayList<>();
        puller.pull(settings, settings.authValue(), schema, MAPPING, null, 1000, chunks::add);
        return chunks;
    }

    @Test
    void unavailableWithRetryAfterWaitsAsAskedThenReadsThePage() {
        answer(503, "maintenance", "Retry-After", "2");
        answer(429, "", "Retry-After", "Fri, 27 Nov 2026 08:00:03 GMT");
        answer(200, "[" + LINE + "]");
        List<HttpPuller.Chunk> chunks = pull(api("/orders").build());
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).records()).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) chunks.get(0).records().get(0);
        assertThat(record).containsEntry("customer_id", "VINET").containsEntry("order_id", 10248)
                .containsEntry("unit_price", new BigDecimal("14.10"));
        assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s).endsWith("auth=" + TOKEN));
    }

    @Test
    void serverErrorsBackOffExponentiallyThenTheRunFails() {
        answer(500, "boom");
        answer(502, "bad gateway");
        answer(500, "still boom");
        assertThatThrownBy(() -> pull(api("/orders").build())).isInstanceOf(SourceFailure.class)
                .hasMessageContaining("HTTP 500 from http://127.0.0.1:").hasMessageContaining("still boom")
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void otherClientErrorsFailAtOnceWithTheStatusAndAnExcerptWithoutTheCredential() {
        answer(400, "{\"error\": \"bad request\", \"echo\": \"" + TOKEN + "\"}");
        assertThatThrownBy(() -> pull(api("/orders").build())).isInstanceOf(SourceFailure.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("bad request")
                .hasMessageNotContaining("tok-7f3a9c");
        assertThat(seen).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void redirectsAreNotFollowed() {
        answer(302, "", "Location", "http://169.254.169.254/latest/meta-data/");
        assertThatThrownBy(() -> pull(api("/orders").build())).isInstanceOf(SourceFailure.class)
                .hasMessageContaining("HTTP 302").hasMessageContaining("redirected to http://169.254.169.254");
        assertThat(seen).hasSize(1);
    }

    @Test
    void aResponseThatIsNotJsonOrHasNoArrayAtTheRecordsPathFailsNamingIt() {
        answer(200, "<html>login</html>");
        assertThatThrownBy(() -> pull(api("/orders").build())).hasMessageContaining("is not JSON")
                .hasMessageContaining("<html>login</html>");
        answer(200, "{\"data\": {\"items\": {\"a\": 1}}}");
        assertThatThrownBy(() -> pull(api("/orders").records("data.items").build()))
                .hasMessage("recordsPath 'data.items' is an object in the response of " + api("/orders").url
                        + ", not an array of records");
        answer(200, "{\"data\": []}");
        assertThatThrownBy(() -> pull(api("/orders").build())).hasMessageContaining("set http.recordsPath");
    }

    @Test
    void anApiThatNeverEndsIsStoppedByMaxPages() {
        for (int i = 0; i < 5; i++) {
            answer(200, "{\"data\": [" + LINE + "], \"next\": \"c" + i + "\"}");
        }
        assertThatThrownBy(() -> pull(api("/orders").records("data").pages(Settings.cursor("next", "cursor"))
                .maxPages(3).build())).isInstanceOf(SourceFailure.class)
                .hasMessageContaining("after 3 pages (maxPages)");
        assertThat(seen).hasSize(3);
    }

    @Test
    void theLastChunkCarriesTheLargestChangeValue() {
        answer(200, "[" + LINE + ", " + LINE.replace("2024-01-01T00:00:00Z", "2025-03-01T10:00:00Z")
                .replace("\"product\": 11", "\"product\": 42") + "]");
        List<HttpPuller.Chunk> chunks = pull(api("/orders").incremental("updated_at", "since").build());
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).last()).isTrue();
        assertThat(chunks.get(0).cursor().id()).isEqualTo("2025-03-01T10:00:00Z");
    }

    @Test
    void theConnectionTestReadsTheFirstPageOnly() {
        answer(200, "[" + LINE + "]", "Link", "</orders?page=2>; rel=\"next\"");
        HttpPuller.Check check = puller.test(api("/orders").pages(Settings.link()).build(), TOKEN);
        assertThat(check.ok()).isTrue();
        assertThat(check.message()).isEqualTo("Connected; the first page holds 1 records");
        assertThat(check.members()).containsExactly("order", "product", "price", "qty", "updated_at");
        assertThat(seen).hasSize(1);
        answer(401, "{\"error\": \"invalid_token\"}");
        HttpPuller.Check refused = puller.test(api("/orders").build(), "wrong");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("HTTP 401").contains("invalid_token").contains("http.authValue");
    }

    @Test
    void aNextPageOnAHostTheAllowListRefusesEndsTheRunBeforeItIsRequested() {
        dev.pacer.ingest.hosts.SourceHosts hosts = new dev.pacer.ingest.hosts.SourceHosts(
                dev.pacer.ingest.hosts.HostAllowList.parse("127.0.0.1"), dev.pacer.ingest.hosts.HostAllowList.DNS);
        HttpPuller guarded = new HttpPuller(HttpPuller.client(Duration.ofSeconds(5)), Duration.ofSeconds(5),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)), 10_000, new ObjectMapper(),
                Clock.systemUTC(), waits::add, hosts::requireHttp);
        answer(200, "[" + LINE + "]", "Link", "<http://169.254.169.254/latest/meta-data/>; rel=\"next\"");
        List<HttpPuller.Chunk> chunks = new ArrayList<>();
        HttpSettings settings = api("/orders").pages(Settings.link()).build();
        assertThatThrownBy(() -> guarded.pull(settings, TOKEN, schema, MAPPING, null, 1000, chunks::add))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("names host '169.254.169.254', which is not among the hosts");
        assertThat(seen).hasSize(1);
        assertThat(chunks).as("the run fails before its last chunk, so no cursor is handed over")
                .allSatisfy(c -> assertThat(c.cursor()).isNull());
    }
}
