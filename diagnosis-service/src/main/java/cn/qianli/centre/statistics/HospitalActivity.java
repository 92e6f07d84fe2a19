package cn.qianli.centre.statistics;

import java.time.Instant;
import java.util.Map;

/** What arrived from one hospital. */
record HospitalActivity(String hospitalId, String name, String district, String township, int populationServed,
        long studies, long instances, long studiesInPeriod, Map<String, Long> studiesByModality,
        Instant lastStudyAt, Instant gatewayLastSeenAt) {
}
