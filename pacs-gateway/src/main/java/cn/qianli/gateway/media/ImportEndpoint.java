package cn.qianli.gateway.media;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /import?directory=/media/cdrom}: what {@code ./qianli gateway import DIR} calls.
 * Only from the gateway machine itself (loopback), since it reads that machine's folders.
 */
@RestController
class ImportEndpoint {

    private final MediaImport media;

    ImportEndpoint(MediaImport media) {
        this.media = media;
    }

    @PostMapping("/import")
    ResponseEntity<?> importFolder(@RequestParam("directory") String directory, HttpServletRequest request)
            throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body("import only from the gateway machine itself");
        }
        try {
            return ResponseEntity.ok(media.importFrom(Path.of(directory)));
        } catch (IOException e) {
            return ResponseEntity.badRequest().body(e.getMessage());
        }
    }
}
