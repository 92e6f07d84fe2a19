package cn.qianli.dicom.net.internal;

import cn.qianli.dicom.Uid;
import com.pixelmed.dicom.SOPClass;

/** Recognizes storage SOP classes: PixelMed's list of them, or any UID under the storage root. */
public final class StorageSopClasses {

    private StorageSopClasses() {
    }

    public static boolean isStorage(String sopClassUid) {
        return sopClassUid.startsWith(Uid.STORAGE_SOP_CLASS_ROOT) || SOPClass.isStorage(sopClassUid);
    }
}
