package cn.qianli.gateway.status;

import cn.qianli.gateway.forward.CentreProperties;
import cn.qianli.gateway.forward.Forwarder;
import cn.qianli.gateway.spool.Quarantined;
import cn.qianli.gateway.spool.Spool;
import cn.qianli.gateway.spool.SpoolState;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The local status page on the gateway's HTTP port: queue, pending bytes, last error,
 * quarantine with reasons, per-study progress with an ETA at the measured throughput.
 * Chinese by default, {@code ?lang=en} for English. Every value is HTML-escaped.
 */
@RestController
class StatusPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("title", "千里影像网关 状态"), Map.entry("queue", "待发送实例"),
            Map.entry("bytes", "待发送数据量"), Map.entry("oldest", "最早待发送已等待"),
            Map.entry("inflight", "发送中"), Map.entry("rate", "实测速率"),
            Map.entry("free", "磁盘剩余"), Map.entry("error", "最近错误"), Map.entry("none", "无"),
            Map.entry("studies", "检查进度"), Map.entry("study", "检查 UID"), Map.entry("urgent", "急诊"),
            Map.entry("pending", "待发送"), Map.entry("eta", "预计完成"), Map.entry("unknown", "未知"),
            Map.entry("quarantine", "隔离（中心拒收）"), Map.entry("instance", "实例 UID"),
            Map.entry("reason", "原因"), Map.entry("when", "时间"), Map.entry("switch", "English"),
            Map.entry("centre", "中心"), Map.entry("requeue", "重新发送"), Map.entry("sent", "已确认送达"), Map.entry("saving", "压缩节省"));

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title", "Qianli gateway status"), Map.entry("queue", "Instances waiting"),
            Map.entry("bytes", "Bytes waiting"), Map.entry("oldest", "Oldest waiting for"),
            Map.entry("inflight", "Sending now"), Map.entry("rate", "Measured throughput"),
            Map.entry("free", "Free disk"), Map.entry("error", "Last error"), Map.entry("none", "none"),
            Map.entry("studies", "Studies in progress"), Map.entry("study", "Study UID"), Map.entry("urgent", "urgent"),
            Map.entry("pending", "Waiting"), Map.entry("eta", "ETA"), Map.entry("unknown", "unknown"),
            Map.entry("quarantine", "Quarantine (refused by the centre)"), Map.entry("instance", "SOP Instance UID"),
            Map.entry("reason", "Reason"), Map.entry("when", "When"), Map.entry("switch", "中文"),
            Map.entry("centre", "Centre"), Map.entry("requeue", "Send again"), Map.entry("sent", "Acknowledged"), Map.entry("saving", "Saved by gzip"));

    private final Spool spool;
    private final Forwarder forwarder;
    private final CentreProperties centre;
    private final Clock clock;

    StatusPage(Spool spool, Forwarder forwarder, CentreProperties centre, Clock clock) {
        this.spool = spool;
        this.forwarder = forwarder;
        this.centre = centre;
        this.clock = clock;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String page(@RequestParam(name = "lang", defaultValue = "zh-CN") String lang) {
        boolean en = lang.startsWith("en");
        Map<String, String> t = en ? EN : ZH;
        SpoolState state = spool.state();
        GatewayStatus status = GatewayStatus.of(centre.hospitalId(), state, forwarder, clock);
        double rate = forwarder.bytesPerSecond();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"").append(en ? "en" : "zh-CN").append("\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"10\"><title>").append(e(t.get("title")))
                .append("</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.err{color:#b00}</style>")
                .append("</head><body><h1>").append(e(t.get("title"))).append("</h1><p><a href=\"?lang=")
                .append(en ? "zh-CN" : "en").append("\">").append(e(t.get("switch"))).append("</a> · ")
                .append(e(t.get("centre"))).append(": ").append(e(centre.url().toString())).append(" · ")
                .append(e(centre.hospitalId())).append("</p><table>");
        row(html, t.get("queue"), String.valueOf(state.queueDepth()));
        row(html, t.get("bytes"), bytes(state.bytesPending()));
        row(html, t.get("oldest"), duration(Duration.ofSeconds(status.oldestPendingAgeSeconds())));
        row(html, t.get("inflight"), String.valueOf(state.inFlight()));
        row(html, t.get("rate"), rate > 0 ? bytes((long) rate) + "/s" : t.get("unknown"));
        row(html, t.get("sent"), String.valueOf(forwarder.instancesAcknowledged()));
        if (forwarder.rawBytesSent() > 0) {
            row(html, t.get("saving"), String.format("%.1f %%",
                    100.0 * (forwarder.rawBytesSent() - forwarder.wireBytesSent()) / forwarder.rawBytesSent()));
        }
        row(html, t.get("free"), bytes(state.freeDiskBytes()));
        html.append("<tr><th>").append(e(t.get("error"))).append("</th><td class=\"err\">")
                .append(e(state.lastError().orElse(t.get("none")))).append("</td></tr></table>");

        html.append("<h2>").append(e(t.get("studies"))).append("</h2><table><tr><th>").append(e(t.get("study")))
                .append("</th><th>").append(e(t.get("pending"))).append("</th><th>").append(e(t.get("eta")))
                .append("</th></tr>");
        long ahead = 0;
        for (SpoolState.StudyProgress study : state.studies()) {
            ahead += study.bytesPending();
            String eta = rate > 0 ? duration(Duration.ofSeconds((long) (ahead / rate))) : t.get("unknown");
            html.append("<tr><td>").append(e(study.studyInstanceUid().isEmpty() ? "-" : study.studyInstanceUid()))
                    .append(study.urgent() ? " <b>[" + e(t.get("urgent")) + "]</b>" : "").append("</td><td>")
                    .append(study.instancesPending()).append(" / ").append(e(bytes(study.bytesPending())))
                    .append("</td><td>").append(e(eta)).append("</td></tr>");
        }
        html.append("</table><h2>").append(e(t.get("quarantine"))).append("</h2><table><tr><th>")
                .append(e(t.get("instance"))).append("</th><th>").append(e(t.get("study"))).append("</th><th>")
                .append(e(t.get("reason"))).append("</th><th>").append(e(t.get("when"))).append("</th></tr>");
        for (Quarantined q : state.quarantined()) {
            html.append("<tr><td>").append(e(q.sopInstanceUid())).append("</td><td>").append(e(q.studyInstanceUid()))
                    .append("</td><td>").append(e(q.reason())).append("</td><td>").append(e(TIME.format(q.when())))
                    .append("</td><td><form method=\"post\" action=\"/quarantine/").append(e(q.key()))
                    .append("/requeue?lang=").append(en ? "en" : "zh-CN").append("\"><button>")
                    .append(e(t.get("requeue"))).append("</button></form></td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    /** The quarantine's "send again" button: the instance goes back into the queue. */
    @PostMapping("/quarantine/{key}/requeue")
    ResponseEntity<Void> requeue(@PathVariable String key,
                                 @RequestParam(name = "lang", defaultValue = "zh-CN") String lang) throws IOException {
        if (!spool.requeue(key)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(lang.startsWith("en") ? "/?lang=en" : "/")).build();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value)).append("</td></tr>");
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
