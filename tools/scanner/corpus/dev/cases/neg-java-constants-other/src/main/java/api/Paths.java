package api;

public final class Paths {
    public static final String ISSUE = "/rest/api/2/issue";
    public static final String MYSELF = "/rest/api/2/myself";
    public static final String SESSION_TIMEOUT_MINUTES = "30";

    private Paths() {}
}
