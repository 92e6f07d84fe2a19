package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.part10.Part10Header;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A presentation context to propose: an abstract syntax with the transfer syntaxes we can use
 * for it, ours preferred first.
 *
 * @param abstractSyntax   the SOP class UID
 * @param transferSyntaxes transfer syntax UIDs, at least one
 */
public record ProposedContext(String abstractSyntax, List<String> transferSyntaxes) {

    public ProposedContext {
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("propose at least one transfer syntax for " + abstractSyntax);
        }
    }

    /** Verification (C-ECHO). */
    public static ProposedContext verification() {
        return new ProposedContext(Uid.VERIFICATION, Negotiation.UNCOMPRESSED_LITTLE_ENDIAN);
    }

    /** Study Root Query/Retrieve Information Model - FIND. */
    public static ProposedContext studyRootFind() {
        return new ProposedContext(Uid.STUDY_ROOT_QR_FIND, Negotiation.UNCOMPRESSED_LITTLE_ENDIAN);
    }

    /**
     * One context per distinct (SOP class, transfer syntax) of the files, each proposing exactly
     * the file's own transfer syntax, so every file can be sent as it is or not at all.
     *
     * @throws IOException when a file is not a readable Part 10 file
     */
    public static List<ProposedContext> forFiles(Collection<Path> files) throws IOException {
        LinkedHashSet<List<String>> pairs = new LinkedHashSet<>();
        for (Path file : files) {
            Part10Header header = Part10Header.read(file);
            pairs.add(List.of(header.meta().mediaStorageSopClassUid(), header.meta().transferSyntaxUid()));
        }
        List<ProposedContext> contexts = new ArrayList<>();
        for (List<String> pair : pairs) {
            contexts.add(new ProposedContext(pair.get(0), List.of(pair.get(1))));
        }
        return contexts;
    }
}
