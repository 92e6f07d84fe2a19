package cn.qianli.centre.dicomweb.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTests {

    private static final String B = "qianli-boundary-42";

    private static byte[] body(String preamble, List<byte[]> parts, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] p : parts) {
            out.writeBytes(("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (close) {
            out.writeBytes(("--" + B + "--\r\nepilogue").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static List<byte[]> readAll(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, B);
        List<byte[]> parts = new ArrayList<>();
        for (MultipartReader.Part p; (p = reader.next()) != null; ) {
            assertThat(p.header("Content-Type")).isEqualTo("application/dicom");
            parts.add(p.body().readAllBytes());
        }
        return parts;
    }

    /** Hands out at most one byte per read, to cross every buffer edge. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void readsEachPartExactly() throws IOException {
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        List<byte[]> parts = List.of("first".getBytes(), big, new byte[0]);
        assertThat(readAll(new ByteArrayInputStream(body("", parts, true)))).containsExactlyElementsOf(parts);
    }

    @Test
    void readsEachPartExactlyOneByteAtATime() throws IOException {
        byte[] mid = new byte[5000];
        new Random(3).nextBytes(mid);
        List<byte[]> parts = List.of(mid, "x".getBytes());
        assertThat(readAll(trickle(body("preamble\r\n", parts, true)))).containsExactlyElementsOf(parts);
    }

    @Test
    void keepsBoundaryLookalikesInsideAPart() throws IOException {
        byte[] tricky = ("\r\n--" + B.substring(0, 10) + "\r\n-\r\n--" + B.substring(0, B.length() - 1) + "X")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(readAll(new ByteArrayInputStream(body("", List.of(tricky), true)))).containsExactly(tricky);
    }

    @Test
    void skipsPartsTheCallerDidNotRead() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(
                body("", List.of("one".getBytes(), "two".getBytes()), true)), B);
        reader.next();
        assertThat(reader.next().body().readAllBytes()).isEqualTo("two".getBytes());
        assertThat(reader.next()).isNull();
    }

    @Test
    void rejectsABodyWithoutAnyDelimiter() {
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream("just some bytes".getBytes())))
                .isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void rejectsAPartCutOffBeforeItsDelimiter() {
        byte[] whole = body("", List.of(new byte[10_000]), true);
        byte[] cut = java.util.Arrays.copyOf(whole, 5000);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(cut))).isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void rejectsABodyWithoutTheCloseDelimiter() {
        byte[] open = (new String(body("", List.of("a".getBytes()), false), StandardCharsets.ISO_8859_1) + "--" + B)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(open))).isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void rejectsEndlessPartHeaders() {
        String headers = "--" + B + "\r\n" + "X-Filler: " + "a".repeat(20_000) + "\r\n\r\nbody\r\n--" + B + "--";
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(headers.getBytes(StandardCharsets.ISO_8859_1))))
                .isInstanceOf(MalformedMultipartException.class);
    }
}
