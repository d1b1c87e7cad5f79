package org.acme.tracker;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** A Jira-compatible tracker's own security: its session login is public, its cookie is its own. */
public class SecurityConfig {
    private static final String[] OPEN = { "/rest/auth/1/session", "/status" };

    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
            .requestMatchers("/rest/auth/1/session").permitAll()
            .requestMatchers(HttpMethod.DELETE, "/rest/auth/latest/session").authenticated()
            .anyRequest().authenticated());
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/rest/auth/1/session"));
        http.authorizeRequests().antMatchers(OPEN).permitAll();
        http.logout(logout -> logout.deleteCookies("JSESSIONID"));
        return http.build();
    }
}
