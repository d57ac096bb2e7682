package dev.pacer.ingest.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CRM-style JSON API over Northwind's order lines ({@code orders_flat.csv}) on a real HTTP server (JDK
 * HttpServer, ephemeral port), each order line a nested object with a change timestamp. It serves the same records
 * in the four pagination styles, wants a bearer token, filters by {@code updated_since} (strictly later), and can be
 * told to answer 429 with {@code Retry-After: 1} for a while. Every request is recorded.
 *
 * <ul>
 *   <li>{@code /page?page=1&size=100} → {@code {"data": [...], "meta": {"page": 1}}}</li>
 *   <li>{@code /offset?offset=0&limit=100} → {@code [...]}</li>
 *   <li>{@code /cursor?per_page=100[&cursor=…]} → {@code {"result": {"orders": [...], "next_cursor": "…"}}}</li>
 *   <li>{@code /link?per_page=100[&page=2]} → {@code [...]} with {@code Link: </link?page=2&per_page=100>;
 *   rel="next"}</li>
 * </ul>
 */
public final class OrdersApi implements AutoCloseable {
    /** The shared file, as the other Northwind tests find it. */
    public static final Path ORDERS_FLAT = Path.of(System.getProperty("pacer.datasets", "/work/shared/datasets"),
            "northwind", "orders_flat.csv");
    public static final String FIRST_CHANGE = "2024-01-01T00:00:00Z";

    /** One request as the server saw it, with the status it answered. */
    public record Request(String path, Map<String, String> params, String authorization, int status) {
    }

    private final HttpServer server;
    private final String token;
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final List<Map<String, Object>> lines = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();

    public OrdersApi(String token) {
        this.token = token;
        reset();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The URL of an endpoint: page, offset, cursor or link. */
    public String url(String endpoint) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + endpoint;
    }

    /** The requests so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The next {@code n} requests are answered 429 with Retry-After: 1. */
    public void rateLimitNext(int n) {
        rateLimited.set(n);
    }

    /** Back to the file's order lines, as they were before any {@link #change}, with no rate limit pending. */
    public void reset() {
        lines.clear();
        lines.addAll(read());
        rateLimited.set(0);
    }

    /** Changes the quantity of an order line, and its change timestamp. */
    public void change(int orderId, int productId, int quantity, String updatedAt) {
        for (Map<String, Object> line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> order = (Map<String, Object>) line.get("order");
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) line.get("line");
            @SuppressWarnings("unchecked")
            Map<String, Object> product = (Map<String, Object>) item.get("product");
            if (order.get("id").equals(orderId) && product.get("id").equals(productId)) {
                item.put("quantity", quantity);
                line.put("updated_at", updatedAt);
                return;
            }
        }
        throw new IllegalArgumentException("no order line " + orderId + "|" + productId);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static List<Map<String, Object>> read() {
        List<String> rows;
        try {
            rows = Files.readAllLines(ORDERS_FLAT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        // order_id,customer_id,employee_id,order_date,required_date,shipped_date,ship_country,product_id,unit_price,
        // quantity,discount
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("code", c[1]);
            customer.put("country", c[6]);
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("id", Integer.parseInt(c[0]));
            order.put("customer", customer);
            order.put("date", c[3]);
            order.put("shipped", c[5].isEmpty() ? null : c[5]);
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("id", Integer.parseInt(c[7]));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("product", product);
            item.put("unit_price", new BigDecimal(c[8]));
            item.put("quantity", Integer.parseInt(c[9]));
            item.put("discount", new BigDecimal(c[10]));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("order", order);
            line.put("line", item);
            line.put("updated_at", FIRST_CHANGE);
            out.add(line);
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        Map<String, String> params = params(uri.getRawQuery());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String path = uri.getPath();
        try (ex) {
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getResponseHeaders().set("Retry-After", "1");
                send(ex, path, params, auth, 429, Map.of("error", "rate limit exceeded, slow down"));
                return;
            }
            if (!("Bearer " + token).equals(auth)) {
                send(ex, path, params, auth, 401, Map.of("error", "invalid_token",
                        "message", "The access token is invalid or expired"));
                return;
            }
            List<Map<String, Object>> selected = selected(params.get("updated_since"));
            switch (path) {
                case "/page" -> {
                    int page = Integer.parseInt(params.getOrDefault("page", "1"));
                    int size = Integer.parseInt(params.getOrDefault("size", "20"));
                    send(ex, path, params, auth, 200, Map.of("data", slice(selected, (page - 1) * size, size),
                            "meta", Map.of("page", page)));
                }
                case "/offset" -> {
                    int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
                    int limit = Math.min(Integer.parseInt(params.getOrDefault("limit", "20")), 250); // API cap
                    send(ex, path, params, auth, 200, slice(selected, offset, limit));
                }
                case "/cursor" -> {
                    int perPage = Integer.parseInt(params.getOrDefault("per_page", "20"));
                    int from = params.containsKey("cursor") ? Integer.parseInt(new String(
                            Base64.getUrlDecoder().decode(params.get("cursor")), StandardCharsets.UTF_8)) : 0;
                    int to = from + perPage;
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("orders", slice(selected, from, perPage));
                    result.put("next_cursor", to < selected.size() ? Base64.getUrlEncoder().encodeToString(
                            Integer.toString(to).getBytes(StandardCharsets.UTF_8)) : null);
                    send(ex, path, params, auth, 200, Map.of("result", result));
                }
                case "/link" -> {
                    int page = Integer.parseInt(params.getOrDefault("page", "1"));
                    int perPage = Integer.parseInt(params.getOrDefault("per_page", "20"));
                    if (page * perPage < selected.size()) {
                        String since = params.containsKey("updated_since") ? "&updated_since="
                                + java.net.URLEncoder.encode(params.get("updated_since"), StandardCharsets.UTF_8) : "";
                        ex.getResponseHeaders().add("Link", "</link?page=" + (page + 1) + "&per_page=" + perPage
                                + since + ">; rel=\"next\", </link?page=1&per_page=" + perPage + ">; rel=\"first\"");
                    }
                    send(ex, path, params, auth, 200, slice(selected, (page - 1) * perPage, perPage));
                }
                case "/forever" -> send(ex, path, params, auth, 200, Map.of("data", slice(selected, 0, 10),
                        "meta", Map.of("page", params.getOrDefault("page", "1"))));
                default -> send(ex, path, params, auth, 404, Map.of("error", "not found"));
            }
        }
    }

    private List<Map<String, Object>> selected(String since) {
        if (since == null) {
            return lines;
        }
        OffsetDateTime after = OffsetDateTime.parse(since);
        return lines.stream().filter(l -> OffsetDateTime.parse((String) l.get("updated_at")).isAfter(after)).toList();
    }

    private static List<Map<String, Object>> slice(List<Map<String, Object>> all, int from, int size) {
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList(from, Math.min(all.size(), from + size));
    }

    private void send(HttpExchange ex, String path, Map<String, String> params, String auth, int status, Object body)
            throws IOException {
        requests.add(new Request(path, params, auth, status));
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
