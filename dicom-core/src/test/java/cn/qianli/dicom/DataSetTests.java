package cn.qianli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataSetTests {

    @Test
    void findsTheElementABulkDataTagPathNames() throws Exception {
        DicomInstance ecg = DicomInstance.read(SampleFiles.testFile("waveform_ecg.dcm"));
        Element waveform = ecg.dataSet().find("54000100/0/54001010");
        assertThat(waveform).isNotNull();
        assertThat(waveform.vr()).isEqualTo(Vr.OW);
        assertThat(waveform.length()).isPositive();
        assertThat(ecg.dataSet().find("7FE00010")).isNull();
        assertThat(ecg.dataSet().find("54000100/9/54001010")).isNull();
    }

    @Test
    void refusesATagPathThatIsNotOne() {
        DataSet ds = new DataSet();
        assertThatThrownBy(() -> ds.find("54000100/0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ds.find("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ds.find("54000100/x/54001010")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsDataSetsInUnicodeWithItemsInheritingTheCharacterSet() {
        DataSet ds = new DataSet().putString(Tag.SpecificCharacterSet, Vr.CS, "ISO_IR 192")
                .putString(Tag.PatientName, Vr.PN, "王^小东");
        DataSet item = ds.newItem().putString(Tag.SOPInstanceUID, Vr.UI, "1.2.3");
        ds.putSequence(0x00081115, List.of(item));
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("王^小东");
        assertThat(ds.getSequence(0x00081115).get(0).specificCharacterSet().definedTerms())
                .containsExactly("ISO_IR 192");
        assertThat(ds.find("00081115/0/00080018").string()).isEqualTo("1.2.3");
        assertThat(ds.findInt(Tag.Rows)).isEmpty();
        ds.putString(Tag.NumberOfFrames, Vr.IS, "1A");
        assertThat(ds.getInt(Tag.NumberOfFrames, 7)).isEqualTo(7);
        assertThatThrownBy(() -> ds.findInt(Tag.NumberOfFrames)).isInstanceOf(NumberFormatException.class);
    }
}
