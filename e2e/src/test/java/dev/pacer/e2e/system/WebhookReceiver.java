package dev.pacer.e2e.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An alert owner's webhook endpoint, as a system test starts it: records every call, and checks its
 * {@code X-Pacer-Signature} independently of alert-service's code ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">} with the channel's secret, as documented). It can be told to fail its next calls with a 503.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One call received. */
    public record Call(Instant at, String signature, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            calls.add(new Call(Instant.now(), exchange.getRequestHeaders().getFirst("X-Pacer-Signature"),
                    new String(body, StandardCharsets.UTF_8), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next {@code n} calls are answered 503. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The calls answered with success. */
    public List<Call> delivered() {
        return calls.stream().filter(c -> c.answered() / 100 == 2).toList();
    }

    /** True when the call's signature is valid for {@code secret} and signed within 5 minutes of its arrival. */
    public static boolean signatureValid(Call call, String secret) {
        if (call.signature() == null) {
            return false;
        }
        Long t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : call.signature().split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = Long.parseLong(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1.add(kv[1]);
            }
        }
        if (t == null || v1.isEmpty()
                || Duration.between(Instant.ofEpochSecond(t), call.at()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + call.body()).getBytes(StandardCharsets.UTF_8));
            for (String candidate : v1) {
                if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
