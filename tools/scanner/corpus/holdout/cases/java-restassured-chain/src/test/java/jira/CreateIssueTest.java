package jira;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.filter.session.SessionFilter;
import org.testng.annotations.Test;

public class CreateIssueTest {
    @Test
    public void createIssue() {
        RestAssured.baseURI = System.getenv("JIRA_BASE");
        SessionFilter session = new SessionFilter();
        given().header("Content-Type", "application/json")
                .body(Credentials.loginBody())
                .filter(session)
                .when().post("/rest/auth/1/session")
                .then().assertThat().statusCode(200);

        given().filter(session).body(Payload.issue("TEST"))
                .when().post("/rest/api/2/issue")
                .then().statusCode(201);
    }
}
