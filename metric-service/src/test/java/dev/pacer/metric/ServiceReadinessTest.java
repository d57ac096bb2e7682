package dev.pacer.metric;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
@PacerTestStack
class ServiceReadinessTest extends ServiceContractTest {
    @Override
    protected List<String> ownPaths() {
        return List.of("/datasets", "/metrics", "/metrics/{key}/values", "/metrics/{key}/versions",
                "/recomputations/{id}");
    }
}
