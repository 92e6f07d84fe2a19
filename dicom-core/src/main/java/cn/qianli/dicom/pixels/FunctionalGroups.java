package cn.qianli.dicom.pixels;

import cn.qianli.dicom.DataSet;
import cn.qianli.dicom.Tag;
import java.util.List;

/**
 * Where a frame's attributes live (PS3.3 C.7.6.16): in an enhanced multi-frame image the
 * Per-Frame Functional Groups item of the frame, else the Shared Functional Groups, each holding
 * the macro's sequence (Pixel Value Transformation, Frame VOI LUT ...); in other images the top
 * level of the data set.
 */
final class FunctionalGroups {

    private FunctionalGroups() {
    }

    /** The first item of {@code macro} for this frame, or the data set itself when there is none. */
    static DataSet item(DataSet ds, int frame, int macro) {
        List<DataSet> perFrame = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        if (frame < perFrame.size()) {
            List<DataSet> items = perFrame.get(frame).getSequence(macro);
            if (!items.isEmpty()) {
                return items.get(0);
            }
        }
        List<DataSet> shared = ds.getSequence(Tag.SharedFunctionalGroupsSequence);
        if (!shared.isEmpty()) {
            List<DataSet> items = shared.get(0).getSequence(macro);
            if (!items.isEmpty()) {
                return items.get(0);
            }
        }
        return ds;
    }
}
