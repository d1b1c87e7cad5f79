package org.acme.tracker;

import java.util.List;

public class WebConfig implements WebMvcConfigurer {
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditInterceptor()).excludePathPatterns("/rest/auth/1/session");
    }

    @Bean
    FilterRegistrationBean<LoginAuditFilter> loginAudit() {
        FilterRegistrationBean<LoginAuditFilter> bean = new FilterRegistrationBean<>(new LoginAuditFilter());
        bean.addUrlPatterns("/rest/auth/1/session");
        bean.setUrlPatterns(List.of("/rest/auth/latest/session"));
        return bean;
    }

    @Bean
    RouteLocator trackerRoutes(RouteLocatorBuilder builder) {
        return builder.routes()
            .route("tracker-login", r -> r.path("/rest/auth/1/session").uri("http://tracker-backend:8080"))
            .build();
    }
}
