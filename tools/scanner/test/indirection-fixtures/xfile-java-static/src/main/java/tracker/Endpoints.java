package tracker;

public final class Endpoints {
    public static final String AUTH = "/rest/auth/1";
    public static final String SEARCH = "/rest/api/2/search";
}
