package cn.qianli.centre.reading;

import cn.qianli.centre.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI 3 description of {@code /api}, generated from the controllers by springdoc and
 * served without a token at {@code /api/openapi.json} (it describes the API, not patient data).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PATH = "/api/openapi.json";

    static {
        // resolved from the bearer token, not a request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI centreApi() {
        return new OpenAPI()
                .info(new Info().title("Qianli diagnosis-service API").version("1")
                        .description("Reading workflow, reports, the clinic's view and the audit trail of the centre. "
                                + "Every call needs a bearer token from the realm; errors are application/problem+json."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Lets the description through before the centre's bearer-token chain. */
    @Bean
    @Order(0)
    SecurityFilterChain openApiDocument(HttpSecurity http) throws Exception {
        http.securityMatcher(PATH, PATH + "/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}
