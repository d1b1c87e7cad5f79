package org.acme.tracker;

import static io.restassured.RestAssured.given;

import io.restassured.filter.session.SessionFilter;

/** A test that logs in to a Jira: the login is the finding; the SessionFilter is its cookie jar. */
class JiraLoginTest {
    @Test
    void commentsThroughASession() {
        SessionFilter session = new SessionFilter();
        given().filter(session).body(credentials())
            .when().post("/rest/auth/1/session")
            .then().statusCode(200);
        given().filter(session).body(comment()).when().post("/rest/api/2/issue/OPS-1/comment");
    }
}
