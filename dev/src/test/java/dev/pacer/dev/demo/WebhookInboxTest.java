package dev.pacer.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookInboxTest {
    private static final String SECRET = "whsec_demo_0123456789abcdef";
    private static final String BODY = """
            {"deliveryId":"d-1","channelId":"c-1","groupKey":"r-1","status":"firing","repeat":false,
             "alerts":[{"alertId":"a-1","state":"FIRING","severity":"CRITICAL","ruleName":"Demo: goal behind pace",
                        "reason":"Goal '新增客户数': pace OFF_TRACK is worse than AT_RISK","departments":["市场部"]}]}""";

    @Test
    void aCallSignedWithTheSecretIsTakenAndLoggedOthersAreRefused() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (WebhookInbox inbox = WebhookInbox.start("127.0.0.1", 0, SECRET,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            long t = Instant.now().getEpochSecond();
            assertThat(send(inbox, "t=" + t + ",v1=" + sign(SECRET, t, BODY))).isEqualTo(204);
            assertThat(send(inbox, "t=" + t + ",v1=" + sign(SECRET + "x", t, BODY))).isEqualTo(401);
            assertThat(send(inbox, null)).isEqualTo(401);
            long old = t - 3600;
            assertThat(send(inbox, "t=" + old + ",v1=" + sign(SECRET, old, BODY))).isEqualTo(401);

            assertThat(inbox.verifiedCalls()).isEqualTo(1);
            assertThat(inbox.refusedCalls()).isEqualTo(3);
            assertThat(inbox.bodies()).containsExactly(BODY);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("signature OK  FIRING").contains("CRITICAL  Demo: goal behind pace")
                .contains("新增客户数").contains("REFUSED a call: signature does not match")
                .contains("REFUSED a call: no X-Pacer-Signature header").contains("(a replay?)");
    }

    private static int send(WebhookInbox inbox, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(inbox.url()))
                .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header("X-Pacer-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sign(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
