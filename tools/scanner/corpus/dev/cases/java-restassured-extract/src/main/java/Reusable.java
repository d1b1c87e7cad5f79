import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

public final class Reusable {
    private static final String LOGIN = "/rest/auth/1/session";

    private Reusable() {}

    static String sessionCookie(String body) {
        Response response = given()
                .header("Content-Type", "application/json")
                .body(body)
                .when()
                .post(LOGIN)
                .then()
                .statusCode(200)
                .extract().response();
        JsonPath json = new JsonPath(response.asString());
        return json.getString("session.name") + "=" + json.getString("session.value");
    }
}
