package com.acme.jira;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

public class ReactiveLogin {
    private final WebClient client;

    public ReactiveLogin(WebClient client) {
        this.client = client;
    }

    public Mono<String> login(Object credentials) {
        return client.post()
                .uri("/rest/auth/1/session")
                .bodyValue(credentials)
                .retrieve()
                .bodyToMono(String.class);
    }
}
