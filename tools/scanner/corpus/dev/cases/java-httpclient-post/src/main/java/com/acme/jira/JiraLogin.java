package com.acme.jira;

import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.BasicCookieStore;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

public class JiraLogin {
    private final String baseUrl;

    public JiraLogin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public BasicCookieStore login(String json) throws Exception {
        BasicCookieStore cookies = new BasicCookieStore();
        try (CloseableHttpClient client = HttpClients.custom().setDefaultCookieStore(cookies).build()) {
            HttpPost post = new HttpPost(baseUrl + "/rest/auth/1/session");
            post.setHeader("Content-Type", "application/json");
            post.setEntity(new StringEntity(json));
            client.execute(post).close();
        }
        return cookies;
    }
}
