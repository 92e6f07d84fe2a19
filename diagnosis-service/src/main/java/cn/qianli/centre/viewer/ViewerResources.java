package cn.qianli.centre.viewer;

import java.time.Duration;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * How the viewer's files are served from the static locations (the jar's {@code static/}, or
 * what {@code spring.web.resources.static-locations} names). The build names every file under
 * {@code assets/} by a hash of its content, so the browser may keep those for a year without
 * asking again; a new build has new names. {@code index.html} and the rest stay uncached, so a
 * new build is picked up on the next load. Both are sent precompressed (the build writes
 * {@code .br} and {@code .gz} beside each text file) when the browser accepts it.
 */
@Configuration(proxyBeanMethods = false)
class ViewerResources implements WebMvcConfigurer {

    static final Duration ASSETS_MAX_AGE = Duration.ofDays(365);

    private final String[] assetLocations;

    ViewerResources(WebProperties web) {
        this.assetLocations = Arrays.stream(web.getResources().getStaticLocations())
                .map(location -> (location.endsWith("/") ? location : location + "/") + "assets/")
                .toArray(String[]::new);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(assetLocations)
                .setCacheControl(CacheControl.maxAge(ASSETS_MAX_AGE).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver())
                .addResolver(new PathResourceResolver());
    }
}
