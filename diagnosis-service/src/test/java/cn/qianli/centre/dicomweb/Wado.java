package cn.qianli.centre.dicomweb;

import cn.qianli.centre.Http;
import cn.qianli.centre.dicomweb.multipart.MultipartReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;

/** Retrieves through WADO-RS and splits multipart answers into their parts. */
public final class Wado {

    public record Part(String contentType, byte[] body) {
    }

    private Wado() {
    }

    public static HttpResponse<byte[]> get(Http http, String path, String token, String accept) {
        var request = http.request(path, token).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public static List<Part> parts(HttpResponse<byte[]> response) {
        MediaType type = MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow());
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(response.body()), type.getParameter("boundary"));
        List<Part> parts = new ArrayList<>();
        try {
            for (MultipartReader.Part p; (p = reader.next()) != null; ) {
                parts.add(new Part(p.header("Content-Type"), p.body().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }
}
