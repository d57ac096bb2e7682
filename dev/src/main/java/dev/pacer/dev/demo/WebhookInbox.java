package dev.pacer.dev.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's webhook endpoint: a small HTTP server that takes alert-service's notifications on {@code POST /hook},
 * checks each call's {@code X-Pacer-Signature} ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} with
 * the channel's secret, at most 5 minutes off this clock) and logs the alerts in readable form. A valid call is
 * answered 204, a call with a missing or wrong signature 401 (alert-service then retries it).
 *
 * <p>{@code java -cp dev/target/pacer-dev-0.1.0-SNAPSHOT.jar dev.pacer.dev.demo.WebhookInbox <port> <secret file>};
 * runs until SIGTERM, as {@code ./pacer up --demo} starts it.
 */
public final class WebhookInbox implements AutoCloseable {
    public static final String PATH = "/hook";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final byte[] secret;
    private final PrintStream log;
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> bodies = new ArrayList<>();

    private WebhookInbox(HttpServer server, String secret, PrintStream log) {
        this.server = server;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.log = log;
        server.createContext(PATH, this::handle);
        server.createContext("/", exchange -> {
            byte[] text = ("Pacer demo webhook inbox: alert-service POSTs to " + PATH + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        });
    }

    /** Starts an inbox on {@code host:port} (port 0: a free one) that checks signatures with {@code secret}. */
    public static WebhookInbox start(String host, int port, String secret, PrintStream log) throws IOException {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the webhook secret needs at least 16 characters");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        WebhookInbox inbox = new WebhookInbox(server, secret, log);
        server.start();
        return inbox;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: WebhookInbox <port> <secret file>");
            System.exit(2);
        }
        String secret = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).strip();
        WebhookInbox inbox = start("127.0.0.1", Integer.parseInt(args[0]), secret, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            inbox.close();
            stopped.countDown();
        }, "webhook-inbox-shutdown"));
        System.out.println("Webhook inbox ready on " + inbox.url());
        System.out.flush();
        stopped.await();
    }

    /** {@code http://<host>:<port>/hook}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + PATH;
    }

    /** Calls whose signature was valid. */
    public int verifiedCalls() {
        return verified.get();
    }

    /** Calls refused for a missing, stale or wrong signature. */
    public int refusedCalls() {
        return refused.get();
    }

    /** The bodies of the verified calls. */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String header = exchange.getRequestHeaders().getFirst("X-Pacer-Signature");
            Instant now = Instant.now();
            String problem = check(header, body, now);
            if (problem != null) {
                refused.incrementAndGet();
                print(TIME.format(now) + "  REFUSED a call: " + problem);
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            synchronized (this) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            verified.incrementAndGet();
            print(describe(TIME.format(now), body));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** Null when the signature header is valid for the body at {@code now}, else what is wrong with it. */
    String check(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return "no X-Pacer-Signature header";
        }
        Long t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return "malformed X-Pacer-Signature: " + header;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t") && value.matches("\\d{1,12}")) {
                t = Long.parseLong(value);
            } else if (name.equals("v1")) {
                v1.add(value);
            }
        }
        if (t == null || v1.isEmpty()) {
            return "malformed X-Pacer-Signature: " + header;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(TOLERANCE) > 0) {
            return "signed at " + Instant.ofEpochSecond(t) + ", more than " + TOLERANCE.toMinutes()
                    + " minutes from now (a replay?)";
        }
        byte[] expected = hmac(t, body);
        for (String candidate : v1) {
            try {
                if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate))) {
                    return null;
                }
            } catch (IllegalArgumentException e) {
                return "malformed v1 signature: " + candidate;
            }
        }
        return "signature does not match the channel secret";
    }

    byte[] hmac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** One readable block per call: the delivery, then one line per alert. */
    static String describe(String time, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return time + "  signature OK, but the body is not JSON: " + new String(body, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        out.append(time).append("  signature OK  ").append(root.path("status").asText("?").toUpperCase())
                .append(root.path("repeat").asBoolean() ? " (repeat)" : "")
                .append("  delivery ").append(root.path("deliveryId").asText("?"))
                .append(", ").append(root.path("alerts").size()).append(" alert(s)");
        for (JsonNode alert : root.path("alerts")) {
            out.append("\n    ").append(alert.path("state").asText("?"))
                    .append("  ").append(alert.path("severity").asText("?"))
                    .append("  ").append(alert.path("ruleName").asText(alert.path("rule").asText("?")));
            String reason = alert.path("reason").asText("");
            if (!reason.isEmpty()) {
                out.append("  — ").append(reason);
            }
            if (alert.hasNonNull("departments")) {
                out.append("  ").append(alert.path("departments"));
            }
        }
        return out.toString();
    }

    private void print(String text) {
        synchronized (log) {
            log.println(text);
            log.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
