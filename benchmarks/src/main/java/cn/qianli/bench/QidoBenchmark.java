package cn.qianli.bench;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.synthetic.Uids;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * QIDO-RS study search latency with a large index: study, series and instance rows are seeded
 * set-based (generate_series) through the owner's connection, then study searches of the kinds a
 * reading room uses go through HTTP one after another, as a radiologist.
 */
final class QidoBenchmark {

    static final int SERIES_PER_STUDY = 2;
    static final int INSTANCES_PER_SERIES = 20;

    private final CentreProcess centre;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    QidoBenchmark(CentreProcess centre) {
        this.centre = centre;
    }

    String run(int instances, int searches) throws Exception {
        int studies = instances / (SERIES_PER_STUDY * INSTANCES_PER_SERIES);
        long start = System.nanoTime();
        seed(studies);
        double seedSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("QIDO-RS: seeded %d studies, %d instances in %.0f s%n", studies, instances, seedSeconds);

        Random random = new Random(42);
        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("PatientID exact", i -> "PatientID=PID" + pad(random.nextInt(studies / 2)));
        kinds.put("PatientName wildcard prefix (Latin)", i -> "PatientName=" + SURNAMES[random.nextInt(10)] + "^"
                + GIVEN[random.nextInt(10)].charAt(0) + "*");
        kinds.put("PatientName wildcard prefix (Chinese)", i -> "PatientName=" + SURNAMES_ZH[random.nextInt(10)] + "*");
        kinds.put("StudyDate range (1 month)", i -> {
            int year = 2020 + random.nextInt(5);
            int month = 1 + random.nextInt(12);
            return "StudyDate=" + year + pad2(month) + "01-" + year + pad2(month) + "28";
        });
        kinds.put("ModalitiesInStudy", i -> "ModalitiesInStudy=" + new String[] {"CT", "MR", "CR", "SR"}[random.nextInt(4)]);

        String token = centre.userToken("radiologist1");
        for (int i = 0; i < 50; i++) {
            search(token, kinds.get("PatientID exact").apply(i));
        }
        Table table = new Table("Search (limit 100)", "Searches", "p50 ms", "p99 ms", "Mean results");
        int each = Math.max(1, searches / kinds.size());
        for (var kind : kinds.entrySet()) {
            double[] millis = new double[each];
            long results = 0;
            for (int i = 0; i < each; i++) {
                String query = kind.getValue().apply(i);
                long t = System.nanoTime();
                results += search(token, query);
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            table.add(kind.getKey(), each, DicomWebBenchmark.fmt(percentile(millis, 50)),
                    DicomWebBenchmark.fmt(percentile(millis, 99)), DicomWebBenchmark.fmt((double) results / each));
        }
        return "Index: " + studies + " studies, " + studies * SERIES_PER_STUDY + " series, " + instances
                + " instances over H001 and H002 (seeded in " + Math.round(seedSeconds) + " s); searches one at a time.\n\n"
                + table;
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private int search(String token, String query) throws IOException, InterruptedException {
        int eq = query.indexOf('=');
        String encoded = query.substring(0, eq + 1) + URLEncoder.encode(query.substring(eq + 1), StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(centre.url() + "/dicom-web/studies?limit=100&" + encoded))
                .header("Authorization", "Bearer " + token).header("Accept", "application/dicom+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 204) {
            return 0;
        }
        if (response.statusCode() != 200) {
            throw new IOException("QIDO-RS " + query + " answered " + response.statusCode() + ": " + response.body());
        }
        int count = 0;
        for (int i = response.body().indexOf("\"0020000D\""); i >= 0; i = response.body().indexOf("\"0020000D\"", i + 1)) {
            count++;
        }
        return count;
    }

    static final String[] SURNAMES = {"Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"};
    static final String[] SURNAMES_ZH = {"张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    static final String[] GIVEN = {"Wei", "Fang", "Na", "Min", "Jing", "Xiuying", "Qiang", "Lei", "Jun", "Yang"};
    static final String[] GIVEN_ZH = {"伟", "芳", "娜", "敏", "静", "秀英", "强", "磊", "军", "洋"};

    private static String pad(int n) {
        return String.format("%07d", n);
    }

    private static String pad2(int n) {
        return String.format("%02d", n);
    }

    private static String array(String[] values) {
        return "(ARRAY['" + String.join("','", values) + "'])";
    }

    /** Studies g = 1..studies: two per patient, alternating H001/H002, dates over five years. */
    private void seed(int studies) throws Exception {
        String prefix = Uids.newUid() + ".";
        String surname = array(SURNAMES) + "[1 + g % 10]";
        String given = array(GIVEN) + "[1 + (g / 10) % 10]";
        String surnameZh = array(SURNAMES_ZH) + "[1 + g % 10]";
        String givenZh = array(GIVEN_ZH) + "[1 + (g / 10) % 10]";
        List<String> statements = new ArrayList<>();
        statements.add("""
                INSERT INTO study (study_instance_uid, hospital_id, patient_id, patient_name, patient_name_alphabetic,
                    patient_name_ideographic, patient_birth_date, patient_sex, study_date, study_time, accession_number,
                    study_id, study_description, modalities_in_study, number_of_series, number_of_instances)
                SELECT '%1$s' || g, CASE WHEN g %% 2 = 0 THEN 'H001' ELSE 'H002' END,
                    'PID' || lpad((g %% %2$d)::text, 7, '0'),
                    %3$s || '^' || %4$s || '=' || %5$s || '^' || %6$s, %3$s || '^' || %4$s, %5$s || '^' || %6$s,
                    to_char(date '1940-01-01' + (g * 7919) %% 25000, 'YYYYMMDD'), CASE WHEN g %% 3 = 0 THEN 'F' ELSE 'M' END,
                    to_char(date '2020-01-01' + (g * 31) %% 1826, 'YYYYMMDD'), '093000', 'ACC' || g, g::text,
                    'Seeded study', CASE g %% 4 WHEN 0 THEN ARRAY['CT'] WHEN 1 THEN ARRAY['MR'] WHEN 2 THEN ARRAY['CR'] ELSE ARRAY['CT','SR'] END,
                    %7$d, %8$d
                FROM generate_series(1, %9$d) g
                """.formatted(prefix, Math.max(1, studies / 2), surname, given, surnameZh, givenZh,
                SERIES_PER_STUDY, SERIES_PER_STUDY * INSTANCES_PER_SERIES, studies));
        statements.add("""
                INSERT INTO series (study_pk, series_instance_uid, modality, series_number, series_date, series_time,
                    body_part_examined, number_of_instances)
                SELECT st.pk, st.study_instance_uid || '.' || k,
                    st.modalities_in_study[1 + (k - 1) %% array_length(st.modalities_in_study, 1)], k::text,
                    st.study_date, st.study_time, 'CHEST', %d
                FROM study st CROSS JOIN generate_series(1, %d) k
                WHERE st.study_instance_uid LIKE '%s%%'
                """.formatted(INSTANCES_PER_SERIES, SERIES_PER_STUDY, prefix));
        statements.add("""
                INSERT INTO instance (series_pk, sop_instance_uid, sop_class_uid, transfer_syntax_uid, instance_number,
                    rows, columns, number_of_frames, object_key, object_size, sha256, sent_by_hospital_id, sent_by)
                SELECT se.pk, se.series_instance_uid || '.' || i, '%s', '%s', i::text, 512, 512, 1,
                    'seeded/' || se.pk || '/' || i, 525000, repeat('0', 64), st.hospital_id,
                    CASE st.hospital_id WHEN 'H001' THEN 'gateway-h001' ELSE 'gateway-h002' END
                FROM series se JOIN study st ON st.pk = se.study_pk CROSS JOIN generate_series(1, %d) i
                WHERE st.study_instance_uid LIKE '%s%%'
                """.formatted(Uid.CT_IMAGE_STORAGE, Uid.EXPLICIT_VR_LITTLE_ENDIAN, INSTANCES_PER_SERIES, prefix));
        statements.add("ANALYZE study");
        statements.add("ANALYZE series");
        statements.add("ANALYZE instance");
        try (Connection db = DriverManager.getConnection(centre.ownerJdbcUrl(), "postgres", "")) {
            for (String sql : statements) {
                try (Statement st = db.createStatement()) {
                    st.execute(sql);
                }
            }
        }
    }
}
