package com.acme.jira;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

@Component
public class SessionClient {
    private final RestTemplate rest = new RestTemplate();

    @Value("${jira.url}")
    private String jiraUrl;

    @Value("${jira.login-path:/rest/auth/1/session}")
    private String loginPath;

    public String login(Map<String, String> credentials) {
        ResponseEntity<Map> res = rest.postForEntity(jiraUrl + loginPath, credentials, Map.class);
        Map<String, String> session = (Map<String, String>) res.getBody().get("session");
        return session.get("name") + "=" + session.get("value");
    }
}
