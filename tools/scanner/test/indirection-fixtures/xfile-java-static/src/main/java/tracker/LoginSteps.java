package tracker;

import static io.restassured.RestAssured.given;

public class LoginSteps {
    public void login(String body) {
        given().body(body).post(Endpoints.AUTH + "/session").then().statusCode(200);
    }
}
