package cn.qianli.centre.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Finds the first configured TrueType font with CJK glyphs and loads it into a document. */
final class CjkFont {

    private CjkFont() {
    }

    /** The usable font file, or an exception naming every path tried. */
    static Path find(List<String> paths) {
        List<String> tried = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isReadable(path)) {
                return path;
            }
            tried.add(p);
        }
        throw new IllegalStateException("no CJK TrueType font at " + tried
                + " (install Debian fonts-wqy-zenhei or set QIANLI_REPORT_FONT_PATHS)");
    }

    /** A loaded font; {@link #close()} after the document is saved. */
    record Loaded(PDType0Font font, AutoCloseable source) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (source != null) {
                source.close();
            }
        }
    }

    /** Embeds a subset of the font (only the glyphs used). */
    static Loaded load(PDDocument doc, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
            List<TrueTypeFont> fonts = new ArrayList<>();
            collection.processAllFonts(fonts::add);
            if (fonts.isEmpty()) {
                collection.close();
                throw new IOException("no font in " + file);
            }
            return new Loaded(PDType0Font.load(doc, fonts.get(0), true), collection);
        }
        File f = file.toFile();
        return new Loaded(PDType0Font.load(doc, f), null);
    }
}
