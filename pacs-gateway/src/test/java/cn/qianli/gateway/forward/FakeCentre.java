package cn.qianli.gateway.forward;

import cn.qianli.dicom.Tag;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A scripted STOW-RS origin server for failure cases: decodes gzip, splits the multipart body,
 * checks each part's Content-Digest, names each part by the SOP Instance UID the test registered
 * for its bytes, and answers what the script says.
 */
public final class FakeCentre implements AutoCloseable {

    /** What to answer to one request: the HTTP status and per-instance outcomes (null reason = stored). */
    public record Reply(int status, Map<String, Integer> outcomes) {
    }

    public interface Script {
        Reply answer(int requestNumber, List<String> sopInstanceUids, String authorization);
    }

    public static final Script STORE_ALL = (n, uids, auth) -> {
        Map<String, Integer> all = new java.util.LinkedHashMap<>();
        uids.forEach(u -> all.put(u, null));
        return new Reply(200, all);
    };

    private final HttpServer server;
    private final Map<String, String> uidByDigest = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    public final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    public final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger gzipRequests = new AtomicInteger();
    final AtomicInteger digestMismatches = new AtomicInteger();
    public volatile Script script = STORE_ALL;
    /** False: a centre that refuses gzip request bodies with 415. */
    public volatile boolean decodesGzip = true;

    /** JSON bodies posted to {@code /api/gateway/...}, by path. */
    public final Map<String, List<String>> apiPosts = new ConcurrentHashMap<>();
    /** The status the gateway API answers (404: a centre without the endpoint yet). */
    public volatile int apiStatus = 200;

    public FakeCentre() throws IOException {
        this(0);
    }

    /** A centre on {@code port} (0: any free one). */
    public FakeCentre(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/dicom-web/studies", this::stow);
        server.createContext("/api/gateway/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                apiPosts.computeIfAbsent(exchange.getRequestURI().getPath(),
                        k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(body);
                exchange.sendResponseHeaders(apiStatus, -1);
            }
        });
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void register(String sopInstanceUid, byte[] bytes) throws Exception {
        uidByDigest.put(sha256(bytes), sopInstanceUid);
    }

    private void stow(HttpExchange exchange) throws IOException {
        try (exchange) {
            int n = requests.incrementAndGet();
            InputStream body = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                if (!decodesGzip) {
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                gzipRequests.incrementAndGet();
                body = new GZIPInputStream(body);
            }
            byte[] bytes = body.readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            Matcher m = Pattern.compile("boundary=\"?([^\";]+)").matcher(type);
            if (!type.startsWith("multipart/related") || !m.find()) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            List<String> uids = new ArrayList<>();
            Map<String, byte[]> parts = new java.util.HashMap<>();
            for (Part part : split(bytes, m.group(1))) {
                String digest = sha256(part.body);
                String uid = uidByDigest.getOrDefault(digest, "unknown-" + digest);
                if (!("sha-256=:" + digest + ":").equals(part.digest)) {
                    digestMismatches.incrementAndGet();
                }
                uids.add(uid);
                parts.put(uid, part.body);
                received.computeIfAbsent(uid, k -> new AtomicInteger()).incrementAndGet();
            }
            Reply reply = script.answer(n, uids, exchange.getRequestHeaders().getFirst("Authorization"));
            reply.outcomes().forEach((uid, reason) -> {
                if (reason == null) {
                    stored.put(uid, parts.get(uid));
                }
            });
            byte[] json = json(reply.outcomes()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/dicom+json");
            exchange.sendResponseHeaders(reply.status(), json.length == 0 ? -1 : json.length);
            exchange.getResponseBody().write(json);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static String json(Map<String, Integer> outcomes) {
        if (outcomes.isEmpty()) {
            return "";
        }
        StringBuilder ok = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        String uidKey = StowResponse.key(Tag.ReferencedSOPInstanceUID);
        outcomes.forEach((uid, reason) -> {
            if (reason == null) {
                ok.append(ok.isEmpty() ? "" : ",").append("{\"").append(uidKey)
                        .append("\":{\"vr\":\"UI\",\"Value\":[\"").append(uid).append("\"]}}");
            } else {
                failed.append(failed.isEmpty() ? "" : ",").append("{\"").append(uidKey)
                        .append("\":{\"vr\":\"UI\",\"Value\":[\"").append(uid).append("\"]},\"")
                        .append(StowResponse.key(Tag.FailureReason)).append("\":{\"vr\":\"US\",\"Value\":[")
                        .append(reason).append("]}}");
            }
        });
        return "{\"" + StowResponse.key(Tag.ReferencedSOPSequence) + "\":{\"vr\":\"SQ\",\"Value\":[" + ok + "]},\""
                + StowResponse.key(Tag.FailedSOPSequence) + "\":{\"vr\":\"SQ\",\"Value\":[" + failed + "]}}";
    }

    private record Part(String digest, byte[] body) {
    }

    private static List<Part> split(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            String headers = new String(body, start, headersEnd - start, StandardCharsets.US_ASCII);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            Matcher d = Pattern.compile("(?i)Content-Digest:\\s*(\\S+)").matcher(headers);
            parts.add(new Part(d.find() ? d.group(1) : "", content));
            at = next + 2;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static InputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
