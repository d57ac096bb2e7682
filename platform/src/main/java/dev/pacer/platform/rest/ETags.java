package dev.pacer.platform.rest;

import dev.pacer.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/** Optimistic concurrency over HTTP: a resource's version is its ETag, and updates must send it in If-Match. */
public final class ETags {
    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /** The version an If-Match header names: 428 when it is missing, 400 when it is not one of our ETags. */
    public static int requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "Send the ETag you read in If-Match, so that concurrent changes are not lost");
        }
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "is not an ETag of this resource: " + ifMatch);
        }
    }
}
