package dev.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class KafkaBrokerResourceTest {

    @Test
    void everyResourceInstanceSharesOneBrokerPerJvm() throws Exception {
        Map<String, String> first = new KafkaBrokerResource().start();
        Map<String, String> second = new KafkaBrokerResource().start();

        String bootstrap = first.get("kafka.bootstrap.servers");
        assertEquals(bootstrap, second.get("kafka.bootstrap.servers"));
        assertEquals(bootstrap, KafkaBrokerResource.bootstrapServers());
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        }
    }
}
