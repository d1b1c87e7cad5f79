package tracker;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

public class TrackerSession {
    private static final String COOKIE_NAME = "JSESSIONID";
    private static final String SIGN_IN = "/rest/auth/1/session";

    public String open(String user, String secret) {
        Response reply = given().contentType("application/json")
            .body(new Credentials(user, secret))
            .post(SIGN_IN);
        String id = reply.getCookie(COOKIE_NAME);
        return COOKIE_NAME + "=" + id;
    }
}
