package dev.pacer.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain unit test of reading an image's GC options from its Dockerfile. */
class ImageJvmTest {
    @Test
    void readsTheCollectorAndItsSizingPolicyInRunJavaOrder() {
        String dockerfile = """
                FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
                ENV GC_TIME_RATIO=4
                ENV GC_CONTAINER_OPTIONS="-XX:+UseParallelGC  -XX:ParallelGCThreads=2"
                env GC_MAX_HEAP_FREE_RATIO='20'
                ENV GC_MIN_HEAP_FREE_RATIO=10
                ENV JAVA_MAX_MEM_RATIO=50
                # ENV GC_ADAPTIVE_SIZE_POLICY_WEIGHT=90 is a comment
                """;
        assertEquals(List.of("-XX:+UseParallelGC", "-XX:ParallelGCThreads=2", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4"), ImageJvm.gcOptions(dockerfile));
    }

    @Test
    void aDockerfileWithoutThemGivesNone() {
        assertEquals(List.of(), ImageJvm.gcOptions("FROM x\nENV JAVA_MAX_MEM_RATIO=50\n"));
    }

    @Test
    void aRatioThatIsNoNumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageJvm.gcOptions("ENV GC_TIME_RATIO=four\n"));
        assertEquals("GC_TIME_RATIO is not a number in the Dockerfile: 'four'", e.getMessage());
    }
}
