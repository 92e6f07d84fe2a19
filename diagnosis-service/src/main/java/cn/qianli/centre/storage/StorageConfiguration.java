package cn.qianli.centre.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    ObjectStore objectStore(StorageProperties props) throws IOException {
        ObjectStore store = switch (props.kind()) {
            case FILESYSTEM -> new FileSystemObjectStore(Path.of(props.dir()));
            case S3 -> new S3ObjectStore(props.s3());
        };
        log.info("objects go to the {}", store);
        return store;
    }
}
