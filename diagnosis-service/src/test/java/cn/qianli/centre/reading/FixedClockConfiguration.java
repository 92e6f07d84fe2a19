package cn.qianli.centre.reading;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The workflow's clock for tests: fixed at {@link ReadingTest#MONDAY_10_00}, moved by the tests. */
@TestConfiguration(proxyBeanMethods = false)
class FixedClockConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(ReadingTest.MONDAY_10_00);
    }
}
