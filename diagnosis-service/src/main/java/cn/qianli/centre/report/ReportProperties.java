package cn.qianli.centre.report;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Report outputs ({@code qianli.report.*}).
 *
 * @param fontPaths     TrueType fonts (.ttf/.ttc) with CJK glyphs, tried in order
 *                      (QIANLI_REPORT_FONT_PATHS); the defaults are where Debian puts them
 * @param studyLinkBase the study's link in the PDF's QR code is this plus the Study Instance UID
 * @param stationName   the AE title written into the DICOM report objects
 */
@ConfigurationProperties("qianli.report")
public record ReportProperties(List<String> fontPaths, String studyLinkBase, String stationName) {

    public static final List<String> DEBIAN_CJK_FONTS = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic/uming.ttc");

    public ReportProperties {
        fontPaths = fontPaths == null || fontPaths.isEmpty() ? DEBIAN_CJK_FONTS : List.copyOf(fontPaths);
        studyLinkBase = studyLinkBase == null || studyLinkBase.isBlank()
                ? "http://localhost:8080/?StudyInstanceUID=" : studyLinkBase;
        stationName = stationName == null || stationName.isBlank() ? "QIANLI_CENTRE" : stationName;
    }
}
