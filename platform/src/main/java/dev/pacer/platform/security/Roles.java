package dev.pacer.platform.security;

/** The roles of the architecture (§5); tokens carry them in the {@code groups} claim. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String STEWARD = "steward";
    public static final String MANAGER = "manager";
    public static final String MEMBER = "member";
    public static final String VIEWER = "viewer";
    public static final String INTEGRATION = "integration";

    /** The claim that lists the caller's department codes. */
    public static final String DEPARTMENTS_CLAIM = "departments";

    private Roles() {
    }
}
