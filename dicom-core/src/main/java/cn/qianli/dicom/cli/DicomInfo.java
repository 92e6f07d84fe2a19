package cn.qianli.dicom.cli;

import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code ./qianli dicom info FILE...}: reads each file whole and prints one JSON object per
 * line: file, transferSyntax, sopClass, patientId, patientName (decoded), the study, series and
 * instance UIDs, modality, studyDate, rows, columns, frames; or {"file": ..., "error": ...} for
 * a file that is not a readable DICOM instance. Exit status 1 when any file failed, 0 otherwise,
 * 2 without arguments.
 */
public final class DicomInfo {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private DicomInfo() {
    }

    public static void main(String[] args) {
        if (System.getProperty("slf4j.provider") == null) {
            // the output is the JSON lines; the toolkit's logging would only add noise on stderr
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        }
        if (args.length == 0) {
            System.err.println("usage: DicomInfo FILE...");
            System.exit(2);
        }
        System.exit(run(List.of(args).stream().map(Path::of).toList(), System.out));
    }

    /** Prints one line per file to {@code out}; returns the exit status. */
    static int run(List<Path> files, PrintStream out) {
        int status = 0;
        for (Path file : files) {
            try {
                InstanceIdentity id = DicomInstance.read(file).identity();
                line(out, g -> {
                    g.writeStringProperty("file", file.toString());
                    g.writeStringProperty("transferSyntax", id.transferSyntaxUid());
                    g.writeStringProperty("sopClass", id.sopClassUid());
                    g.writeStringProperty("patientId", id.patientId());
                    g.writeStringProperty("patientName", id.patientName());
                    g.writeStringProperty("studyInstanceUid", id.studyInstanceUid());
                    g.writeStringProperty("seriesInstanceUid", id.seriesInstanceUid());
                    g.writeStringProperty("sopInstanceUid", id.sopInstanceUid());
                    g.writeStringProperty("modality", id.modality());
                    g.writeStringProperty("studyDate", id.studyDate());
                    g.writeNumberProperty("rows", id.rows());
                    g.writeNumberProperty("columns", id.columns());
                    g.writeNumberProperty("frames", id.frames());
                });
            } catch (DicomFormatException e) {
                status = 1;
                line(out, g -> {
                    g.writeStringProperty("file", file.toString());
                    g.writeStringProperty("error", e.getMessage());
                });
            }
        }
        out.flush();
        return status;
    }

    private interface Fields {
        void write(JsonGenerator g);
    }

    private static void line(PrintStream out, Fields fields) {
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), (OutputStream) out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        out.print('\n');
    }

}
