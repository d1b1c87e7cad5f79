package api;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

public class JiraApiSteps {
    public Response login(String body) {
        return given()
                .baseUri(JiraApiParameters.BASE_URI)
                .contentType("application/json")
                .body(body)
                .post(JiraApiParameters.LOGIN_PATH);
    }
}
