package org.acme.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import javax.servlet.http.HttpServletRequest;

/** Server code that is also a client: it logs in to a real Jira, so its cookie is that login's. */
public class JiraRelay {
    private final HttpClient client = HttpClient.newHttpClient();

    String relay(HttpServletRequest incoming, String jira, String body) throws Exception {
        HttpRequest login = HttpRequest.newBuilder(URI.create(jira + "/rest/auth/1/session"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        String id = client.send(login, HttpResponse.BodyHandlers.ofString()).body();
        return "JSESSIONID=" + id;
    }
}
