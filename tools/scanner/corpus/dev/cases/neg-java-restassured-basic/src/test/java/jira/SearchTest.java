package jira;

import static io.restassured.RestAssured.given;

import org.testng.annotations.Test;

public class SearchTest {
    @Test
    public void search() {
        given().auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN"))
                .queryParam("jql", "project = TEST")
                .when().get(System.getenv("JIRA_URL") + "/rest/api/2/search")
                .then().statusCode(200);
    }
}
