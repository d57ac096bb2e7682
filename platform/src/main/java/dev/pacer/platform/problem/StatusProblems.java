package dev.pacer.platform.problem;

/** Problems for the plain HTTP failures: wrong path, method, media type, size. */
public final class StatusProblems {
    private StatusProblems() {
    }

    public static Problem forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> Problem.of(400, "bad-request", "Bad request", orElse(detail, "The request is invalid"));
            case 401 -> Problem.of(401, "unauthenticated", "Authentication required",
                    "Send a valid bearer token in the Authorization header");
            case 403 -> Problem.of(403, "forbidden", "Forbidden", "Your roles or departments do not allow this operation");
            case 404 -> Problem.of(404, "not-found", "Not found", "There is no resource at this path");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
                    "This resource does not support this HTTP method");
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable",
                    "This resource cannot produce the media type in the Accept header; ask for application/json");
            case 409 -> Problem.of(409, "conflict", "Conflict", orElse(detail, "The request conflicts with the current state"));
            case 412 -> Problem.of(412, "precondition-failed", "Precondition failed",
                    orElse(detail, "The resource changed since you read it; fetch it again"));
            case 413 -> Problem.of(413, "payload-too-large", "Payload too large",
                    "The request body exceeds this service's size limit");
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "This resource does not accept the Content-Type sent; send application/json");
            case 422 -> Problem.of(422, "unprocessable", "Unprocessable request",
                    orElse(detail, "The request is well-formed but cannot be carried out as it stands"));
            case 428 -> Problem.of(428, "precondition-required", "Precondition required",
                    orElse(detail, "Send an If-Match header with the ETag you read"));
            case 429 -> Problem.of(429, "too-many-requests", "Too many requests", "Slow down and retry later");
            default -> Problem.of(status, "http-" + status, "HTTP " + status, orElse(detail, "The request failed"));
        };
    }

    private static String orElse(String detail, String fallback) {
        return detail == null || detail.isBlank() || detail.startsWith("HTTP ") ? fallback : detail;
    }
}
