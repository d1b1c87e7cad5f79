package api;

public class JiraApiParameters {
    public static final String BASE_URI = System.getProperty("jira.base", "http://localhost:8080");
    public static final String LOGIN_PATH = "/rest/auth/1/session";
    public static final String CREATE_ISSUE_PATH = "/rest/api/2/issue";
}
