package dev.pacer.e2e.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.e2e.system.PacerSystem;
import dev.pacer.e2e.system.Service;
import dev.pacer.testing.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No request a caller can make turns into a server error: every operation of each service's OpenAPI document is sent
 * the requests of {@link BadRequests} (garbage parameters, malformed and mistyped bodies, extreme values), as a caller
 * with every role, and each must be answered with a 2xx or a 4xx — a 4xx as {@code application/problem+json} — within
 * 30 seconds, with the service still running afterwards. Three rounds: the first on made-up ids (its example bodies
 * create things, its lists show them); the second on the things that exist ({@link KnownIds}), so that the checks an
 * operation makes on a real resource are reached too; the third sends every documented write {@value #RACERS} times at
 * once (two creations of one key, two changes of one version). Runs on a Pacer system of its own: a body that looks
 * valid creates what it describes, which must not reach the other scenarios' data.
 *
 * <p>The third round is a race by nature: an interleaving that fails may show only now and then. A red run lists the
 * request; it is a real race to fix, not a flaky test to run again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // metric-service's datasets and metrics reach the others' catalogs
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A caller with every role, in a department of its own. */
    private static final String TOKEN = Tokens.token("probe", Set.of("admin", "steward", "integration", "manager"),
            Set.of("probe"));
    /** How many copies of each documented write are sent at once. */
    private static final int RACERS = 4;
    /** Time for the services to finish what the last requests set off (events, recomputations) before the logs are read. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    /**
     * ERROR lines that are no failure: Apache POI's logging API finding no Log4j provider at start-up (it then logs
     * nothing, which is what ingest-service wants of it).
     */
    private static final Pattern BENIGN = Pattern.compile("Log4j API could not find a logging provider");
    private static PacerSystem system;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        system = PacerSystem.startOwn();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    @Test
    @Order(1)
    void metricServiceRefusesBadInputWithoutFailing() throws Exception {
        probe(Service.METRIC);
    }

    @Test
    @Order(2)
    void ingestServiceRefusesBadInputWithoutFailing() throws Exception {
        probe(Service.INGEST);
    }

    @Test
    @Order(3)
    void goalServiceRefusesBadInputWithoutFailing() throws Exception {
        probe(Service.GOAL);
    }

    @Test
    @Order(4)
    void alertServiceRefusesBadInputWithoutFailing() throws Exception {
        probe(Service.ALERT);
    }

    /**
     * What the requests set off after their answers — recomputations, events between the services, source runs — failed
     * nowhere either: once the services have caught up, no log has an ERROR line (an unhandled error of a request, an
     * event dead-lettered, a job that failed).
     */
    @Test
    @Order(5)
    void nothingTheRequestsSetOffFailedInAnyService() throws Exception {
        Thread.sleep(SETTLE.toMillis());
        List<String> errors = new ArrayList<>();
        for (Service service : Service.values()) {
            for (String line : system.log(service)) {
                if (line.contains(" ERROR ") && !BENIGN.matcher(line).find()) {
                    errors.add(service.module() + ": " + BadRequests.abbreviate(line));
                }
            }
        }
        assertThat(errors).as("ERROR lines in the services' logs (in %s)", system).isEmpty();
    }

    private void probe(Service service) throws Exception {
        String base = system.url(service);
        HttpResponse<String> openApi = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openApi.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(openApi.body());
        Round first = new Round(service, BadRequests.of(doc));
        first.send(base);
        Round second = new Round(service, first.known.isEmpty() ? List.of() : BadRequests.of(doc, first.known));
        second.send(base);
        List<BadRequests.Request> documented = new ArrayList<>(first.requests);
        documented.addAll(second.requests);
        Round race = new Round(service, BadRequests.racing(documented));
        race.sendAtOnce(base, RACERS);
        System.out.printf("%s: %,d requests on made-up ids and %,d on %s that exist (%d not sendable), answers by "
                + "status %s and %s%n", service.module(), first.requests.size(), second.requests.size(),
                "things", first.skipped + second.skipped, first.statuses, second.statuses);
        List<String> failures = new ArrayList<>(first.failures);
        failures.addAll(second.failures);
        failures.addAll(race.failures);
        int total = first.requests.size() + second.requests.size() + RACERS * race.requests.size();
        System.out.printf("%s: %d documented writes sent %d at once, answers by status %s%n", service.module(),
                race.requests.size(), RACERS, race.statuses);
        assertThat(first.requests).as("requests made from the OpenAPI document").hasSizeGreaterThan(100);
        assertThat(second.requests).as("requests on things the first round created or listed").isNotEmpty();
        assertThat(failures.size()).as("%s: %d of %d requests failed:%n%s%nthe service's log ends:%n%s",
                service.module(), failures.size(), total,
                String.join(System.lineSeparator(), failures.subList(0, Math.min(80, failures.size()))),
                system.logTail(service, 40)).isZero();
        assertThat(system.isRunning(service)).isTrue();
    }

    /** One round of requests to a service: each sent, judged, and what its answer shows remembered. */
    private static final class Round {
        final Service service;
        final List<BadRequests.Request> requests;
        final KnownIds known = new KnownIds();
        final List<String> failures = new ArrayList<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        int skipped;

        Round(Service service, List<BadRequests.Request> requests) {
            this.service = service;
            this.requests = requests;
        }

        void send(String base) throws InterruptedException {
            for (BadRequests.Request r : requests) {
                HttpRequest request = build(base, r);
                if (request == null) {
                    continue;
                }
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (HttpTimeoutException e) {
                    failures.add("no answer within " + TIMEOUT.toSeconds() + " s: " + r);
                    continue;
                } catch (IOException e) {
                    failures.add("connection failed (" + e + "): " + r);
                    if (!system.isRunning(service)) {
                        return;
                    }
                    continue;
                }
                judge(r, response);
            }
        }

        /** Each request {@code copies} times at once (the next request once they are all answered). */
        void sendAtOnce(String base, int copies) {
            for (BadRequests.Request r : requests) {
                HttpRequest request = build(base, r);
                if (request == null) {
                    continue;
                }
                List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < copies; i++) {
                    answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                }
                for (var answer : answers) {
                    try {
                        judge(r, answer.join());
                    } catch (java.util.concurrent.CompletionException e) {
                        failures.add("no answer (" + e.getCause() + "): " + r);
                    }
                }
            }
        }

        private HttpRequest build(String base, BadRequests.Request r) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path())).timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json");
                r.headers().forEach(b::header);
                if (r.contentType() != null) {
                    b.header("Content-Type", r.contentType());
                }
                b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
                return b.build();
            } catch (IllegalArgumentException e) {
                skipped++; // a header value or URI the HTTP client itself will not send
                return null;
            }
        }

        private synchronized void judge(BadRequests.Request r, HttpResponse<String> response) {
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (r.what().equals("as documented") && status >= 400) {
                System.out.printf("  %s as documented: %d %s%n", r.operation(), status,
                        BadRequests.abbreviate(response.body()));
            }
            known.record(r.template(), status, response.body());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status >= 500) {
                failures.add(status + ": " + r + " → " + BadRequests.abbreviate(response.body()));
            } else if (status >= 400 && !type.startsWith("application/problem+json")) {
                failures.add(status + " as '" + type + "', not a problem: " + r + " → "
                        + BadRequests.abbreviate(response.body()));
            }
        }
    }
}
