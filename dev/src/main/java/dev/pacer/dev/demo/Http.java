package dev.pacer.dev.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;

/** The REST calls of the demo loader: JSON in and out, a bearer token each, failures as {@link DemoException}. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One answer: status, raw body and the ETag header (if any). */
    record Response(String method, String url, int status, String body, String etag) {
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new DemoException(method + " " + url + " answered " + status + " with a body that is not JSON: "
                        + abbreviate(body));
            }
        }

        boolean is(int... statuses) {
            return Arrays.stream(statuses).anyMatch(s -> s == status);
        }

        /** This answer if its status is one of {@code expected}, else a failure that quotes the problem. */
        Response expect(String what, int... expected) {
            if (is(expected)) {
                return this;
            }
            throw new DemoException(what + " failed: " + describe());
        }

        String describe() {
            String detail = body == null ? "" : body;
            if (detail.startsWith("{")) {
                JsonNode problem = json();
                StringBuilder text = new StringBuilder(problem.path("title").asText(""));
                if (problem.hasNonNull("detail")) {
                    text.append(text.isEmpty() ? "" : ": ").append(problem.get("detail").asText());
                }
                for (JsonNode error : problem.path("errors")) {
                    text.append("; ").append(error.path("field").asText("")).append(' ')
                            .append(error.path("message").asText(""));
                }
                if (!text.isEmpty()) {
                    detail = text.toString();
                }
            }
            return method + " " + url + " answered " + status + (detail.isBlank() ? "" : " — " + abbreviate(detail));
        }
    }

    Response get(String url, String token) {
        return send("GET", url, token, null, "application/json", null);
    }

    Response get(String url, String token, String accept) {
        return send("GET", url, token, null, accept, null);
    }

    Response post(String url, String token, Object body) {
        return send("POST", url, token, body, "application/json", null);
    }

    Response post(String url, String token, Object body, String ifMatch) {
        return send("POST", url, token, body, "application/json", ifMatch);
    }

    private Response send(String method, String url, String token, Object body, String accept, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", accept);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new DemoException("cannot write the body of " + method + " " + url + ": " + e.getMessage());
            }
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> answer = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(method, url, answer.statusCode(), answer.body(),
                    answer.headers().firstValue("ETag").orElse(null));
        } catch (ConnectException e) {
            throw new DemoException("cannot connect to " + url + " (is the service running? ./pacer status)");
        } catch (IOException e) {
            throw new DemoException(method + " " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException(method + " " + url + " was interrupted");
        }
    }

    /** {@code base + path} with the query parameters encoded. */
    static String url(String base, String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return base + path + q;
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 400 ? oneLine : oneLine.substring(0, 400) + "…";
    }
}
