package dev.pacer.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * The JSON a webhook receives: one group's notifications, each an {@code AlertStateChanged} as published on
 * {@code pacer.alerts}. {@code deliveryId} is the same on every retry, so a receiver can drop a repeat it already took.
 * {@code groupKey} is the rule id when the channel groups by rule (the default), else the group's label values
 * ({@code {department="sales",team="emea"}}, see {@link dev.pacer.alert.channel.GroupBy}). E-mail channels store
 * the same JSON in their deliveries and render the mail from it at each attempt.
 * <pre>{"deliveryId": "…", "channelId": "…", "groupKey": "&lt;rule id&gt;", "status": "firing", "repeat": false,
 *  "alerts": [{"alertId": "…", "state": "FIRING", …}]}</pre>
 * {@code status} is {@code firing} while any alert in it fires, else {@code resolved}.
 */
public final class WebhookBody {
    private WebhookBody() {
    }

    public static String of(ObjectMapper json, UUID deliveryId, UUID channelId, String groupKey, boolean repeat,
            List<String> alertPayloads) {
        ObjectNode root = json.createObjectNode();
        root.put("deliveryId", deliveryId.toString());
        root.put("channelId", channelId.toString());
        root.put("groupKey", groupKey);
        ArrayNode alerts = root.putArray("alerts");
        boolean firing = false;
        try {
            for (String p : alertPayloads) {
                var node = json.readTree(p);
                firing |= "FIRING".equals(node.path("state").asText());
                alerts.add(node);
            }
            root.put("status", firing ? "firing" : "resolved");
            root.put("repeat", repeat);
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored notification is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
