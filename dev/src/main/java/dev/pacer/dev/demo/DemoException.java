package dev.pacer.dev.demo;

/** A demo step that failed, with a message meant for the person who ran {@code ./pacer up --demo}. */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
