package cn.qianli.gateway.spool;

import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.DicomFormatException;
import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@link InstanceReader} on dicom-core: reads the header (up to the Pixel Data) and takes the
 * identity from the data set, so the SOP Instance UID is the one the centre will echo in its
 * response.
 */
public final class DicomCoreReader implements InstanceReader {

    private static final Set<String> URGENT_PROCEDURE = Set.of("STAT", "HIGH");

    @Override
    public InstanceKeys read(Path file) throws IOException {
        try {
            DicomInstance instance = DicomInstance.readHeader(file);
            InstanceIdentity id = instance.identity();
            return new InstanceKeys(id.sopClassUid(), id.sopInstanceUid(), instance.transferSyntaxUid(),
                    id.studyInstanceUid(), isUrgent(instance.dataSet()));
        } catch (DicomFormatException e) {
            throw new InvalidInstanceException(e.getMessage(), e);
        }
    }

    /**
     * STAT or HIGH Requested Procedure Priority at the top level or in any Request Attributes
     * Sequence item, or Study Priority ID HIGH.
     */
    static boolean isUrgent(DataSet dataSet) {
        if (URGENT_PROCEDURE.contains(upper(dataSet.getString(Tag.RequestedProcedurePriority)))
                || "HIGH".equals(upper(dataSet.getString(Tag.StudyPriorityID)))) {
            return true;
        }
        for (DataSet item : dataSet.getSequence(Tag.RequestAttributesSequence)) {
            if (URGENT_PROCEDURE.contains(upper(item.getString(Tag.RequestedProcedurePriority)))) {
                return true;
            }
        }
        return false;
    }

    private static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }
}
