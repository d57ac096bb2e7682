package dev.pacer.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversized request with a 413 problem before anything reads it. Quarkus' own limit check (route order
 * -2) answers with an empty body; this route runs just before it with the same limit.
 */
@ApplicationScoped
public class HttpLimits {
    static final int ORDER = -3;

    void register(@Observes Router router, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, max)) {
                Problem p = StatusProblems.forStatus(413, null).withInstance(ctx.request().path());
                String body;
                try {
                    body = json.writeValueAsString(new Problem(p.type(), p.title(), 413,
                            "The request body has " + length.trim() + " bytes; this service accepts at most " + max,
                            p.instance(), null));
                } catch (JsonProcessingException e) {
                    body = "{\"status\":413}";
                }
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                ctx.next();
            }
        });
    }

    static boolean isOver(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
