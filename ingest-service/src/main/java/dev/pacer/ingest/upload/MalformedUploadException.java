package dev.pacer.ingest.upload;

/** A file that cannot be read as a whole (wrong encoding, broken CSV); names the request field to blame. */
public class MalformedUploadException extends RuntimeException {
    private final String field;

    public MalformedUploadException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
