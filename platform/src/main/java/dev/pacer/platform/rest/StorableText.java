package dev.pacer.platform.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.pacer.platform.database.PostgresText;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * Text that PostgreSQL cannot store is refused as a request is read, naming where it is: every string and map key of a
 * JSON request body (here) and path and query parameters ({@link TextParameters}). A Java string can carry U+0000 and
 * unpaired surrogates; PostgreSQL text cannot — the driver fails the statement (a 500 deep inside an operation) or,
 * for a lone surrogate, silently stores a '?' instead.
 *
 * <p>Request bodies are read with a copy of the service's {@code ObjectMapper} that has the checks; the service's own
 * mapper is left as it is, so records that arrive as raw bodies (pushes, webhooks, pulled pages) are still checked one
 * record at a time, a refused record quarantined rather than its whole batch refused ({@link PostgresText}).
 */
@Provider
public class StorableText implements ContextResolver<ObjectMapper> {
    /** The reason given for a refused value. */
    public static final String REFUSAL = "contains a NUL character (U+0000) or an unpaired surrogate, which Pacer "
            + "cannot store";

    private final ObjectMapper rest;

    public StorableText(ObjectMapper json) {
        this.rest = json.copy().registerModule(module());
    }

    /** The mapper of request and response bodies. */
    @Override
    public ObjectMapper getContext(Class<?> type) {
        return rest;
    }

    /** The Jackson module that refuses such strings and keys (also for mappers made outside Quarkus, e.g. in tests). */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("pacer-storable-text");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        return module;
    }

    /** A string or key that PostgreSQL cannot store; Jackson adds the path to it as it unwinds. */
    public static final class UnstorableTextException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        UnstorableTextException(JsonParser p) {
            super(p, "A string " + REFUSAL);
        }
    }

    private static final class Strings extends StringDeserializer {
        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            if (s != null && !PostgresText.canHold(s)) {
                throw new UnstorableTextException(p);
            }
            return s;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!PostgresText.canHold(key)) {
                throw new UnstorableTextException(ctxt.getParser());
            }
            return key;
        }
    }
}
