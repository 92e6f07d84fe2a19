package cn.qianli.centre.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Report templates with common normal texts, from {@code report/templates.json} on the classpath. */
@Component
class ReportTemplates {

    /** An empty modality or body part applies to any. */
    record Template(String modality, String bodyPart, String language, String name, String findings,
            String impression) {
    }

    private final List<Template> templates;

    ReportTemplates(JsonMapper json) {
        try (InputStream in = new ClassPathResource("report/templates.json").getInputStream()) {
            templates = Arrays.asList(json.readValue(in, Template[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report/templates.json", e);
        }
    }

    /** The templates matching, the most specific first. */
    List<Template> find(String modality, String bodyPart, String language) {
        String m = upper(modality);
        String b = upper(bodyPart);
        String l = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        return templates.stream()
                .filter(t -> l.isEmpty() || t.language().equals(l))
                .filter(t -> m.isEmpty() || t.modality().isEmpty() || t.modality().equals(m))
                .filter(t -> b.isEmpty() || t.bodyPart().isEmpty() || t.bodyPart().equals(b))
                .sorted((x, y) -> Integer.compare(specificity(y), specificity(x)))
                .toList();
    }

    private static int specificity(Template t) {
        return (t.modality().isEmpty() ? 0 : 1) + (t.bodyPart().isEmpty() ? 0 : 2);
    }

    private static String upper(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }
}
