package cn.qianli.dicom;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Builds an {@link InstanceIdentity} from a data set, rejecting one that cannot be identified. */
final class Identification {

    private static final Pattern OLD_DATE = Pattern.compile("[0-9]{4}\\.[0-9]{2}\\.[0-9]{2}");
    private static final Pattern OLD_TIME = Pattern.compile("[0-9]{2}(:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?)?");

    private Identification() {
    }

    static InstanceIdentity identify(DataSet ds, String transferSyntaxUid, boolean complete)
            throws DicomFormatException {
        String sopClass = required(ds, Tag.SOPClassUID, "SOP Class UID");
        String sopInstance = required(ds, Tag.SOPInstanceUID, "SOP Instance UID");
        String study = required(ds, Tag.StudyInstanceUID, "Study Instance UID");
        String series = required(ds, Tag.SeriesInstanceUID, "Series Instance UID");
        int rows = integer(ds, Tag.Rows, "Rows", 0);
        int columns = integer(ds, Tag.Columns, "Columns", 0);
        boolean image = ds.contains(Tag.PixelData) || (rows > 0 && columns > 0);
        if (complete && rows > 0 && columns > 0 && ds.contains(Tag.BitsAllocated) && !ds.contains(Tag.PixelData)
                && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
            throw new DicomFormatException("image (Rows, Columns, Bits Allocated) without Pixel Data"
                    + " (7FE0,0010): the data set ends after " + Part10Reader.tagText(lastTag(ds)));
        }
        int frames = integer(ds, Tag.NumberOfFrames, "Number of Frames", image ? 1 : 0);
        if (image && frames < 1) {
            throw new DicomFormatException("Number of Frames (0028,0008) is " + frames);
        }
        return new InstanceIdentity(transferSyntaxUid, sopClass, sopInstance, study, series,
                ds.getString(Tag.PatientID), ds.getString(Tag.PatientName), ds.getString(Tag.Modality),
                date(ds.getString(Tag.StudyDate)), rows, columns, frames,
                ds.getString(Tag.AccessionNumber), ds.getString(Tag.StudyDescription),
                ds.getString(Tag.SeriesDescription), time(ds.getString(Tag.StudyTime)),
                date(ds.getString(Tag.PatientBirthDate)), ds.getString(Tag.PatientSex),
                ds.getString(Tag.BodyPartExamined), ds.getString(Tag.InstitutionName),
                optionalInteger(ds, Tag.SeriesNumber), optionalInteger(ds, Tag.InstanceNumber));
    }

    /** A DA value in the pre-3.0 form yyyy.mm.dd (PS3.5 table 6.2-1, DA) as yyyymmdd; others as they are. */
    static String date(String value) {
        return value != null && OLD_DATE.matcher(value).matches() ? value.replace(".", "") : value;
    }

    /** A TM value in the pre-3.0 form hh:mm:ss.frac (PS3.5 table 6.2-1, TM) as hhmmss.frac; others as they are. */
    static String time(String value) {
        return value != null && OLD_TIME.matcher(value).matches() ? value.replace(":", "") : value;
    }

    private static int lastTag(DataSet ds) {
        int last = 0;
        for (Element e : ds.elements()) {
            last = e.tag();
        }
        return last;
    }

    private static String required(DataSet ds, int tag, String name) throws DicomFormatException {
        String value = ds.getString(tag);
        if (value == null) {
            throw new DicomFormatException("missing required identity element " + name + " "
                    + Part10Reader.tagText(tag));
        }
        return value;
    }

    private static int integer(DataSet ds, int tag, String name, int absent) throws DicomFormatException {
        try {
            OptionalInt v = ds.findInt(tag);
            return v.orElse(absent);
        } catch (NumberFormatException e) {
            throw new DicomFormatException(name + " " + Part10Reader.tagText(tag) + " is not an integer: \""
                    + ds.getString(tag) + "\"");
        }
    }

    private static Integer optionalInteger(DataSet ds, int tag) {
        try {
            OptionalInt v = ds.findInt(tag);
            return v.isPresent() ? v.getAsInt() : null;
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }
}
