package steps;

import static io.restassured.RestAssured.given;

public class LoginSteps {
    private static final String LOGIN = "/rest/auth/1/session";

    public String sessionValue(String body) {
        return given().contentType("application/json").body(body).post(LOGIN).then().statusCode(200).extract().path("session.value");
    }
}
