package cn.qianli.dicom.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import org.junit.jupiter.api.Test;

class CommandTests {

    @Test
    void encodesImplicitLittleEndianWithGroupLengthFirstAndDecodesBack() {
        Command rq = Command.request(Command.C_STORE_RQ, 42, Uid.CT_IMAGE_STORAGE, true);
        rq.setString(Command.AffectedSOPInstanceUID, "1.2.3");
        byte[] bytes = rq.encode();
        assertThat(bytes).startsWith(0, 0, 0, 0, 4, 0, 0, 0);
        assertThat(bytes.length % 2).isZero();
        Command back = Command.decode(bytes, bytes.length);
        assertThat(back.commandField()).isEqualTo(Command.C_STORE_RQ);
        assertThat(back.messageId()).isEqualTo(42);
        assertThat(back.hasDataSet()).isTrue();
        assertThat(back.getString(Command.AffectedSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(back.getInt(Command.CommandGroupLength, -1)).isEqualTo(bytes.length - 12);
    }

    @Test
    void responseEchoesTheRequestAndCarriesTheWholeFailure() {
        Command rq = Command.request(Command.C_STORE_RQ, 7, Uid.CT_IMAGE_STORAGE, true);
        rq.setString(Command.AffectedSOPInstanceUID, "1.2.3.4");
        Command rsp = new DimseException(Status.OUT_OF_RESOURCES, "disk full\\ on /spool", Tag.SOPInstanceUID)
                .applyTo(Command.responseTo(rq, 0, false));
        Command back = Command.decode(rsp.encode(), rsp.encode().length);
        assertThat(back.commandField()).isEqualTo(Command.C_STORE_RSP);
        assertThat(back.getInt(Command.MessageIDBeingRespondedTo, -1)).isEqualTo(7);
        assertThat(back.hasDataSet()).isFalse();
        assertThat(back.status()).isEqualTo(0xA700);
        assertThat(back.getString(Command.ErrorComment)).isEqualTo("disk full? on /spool");
        assertThat(back.getTags(Command.OffendingElement)).containsExactly(Tag.SOPInstanceUID);
        assertThat(back.getString(Command.AffectedSOPInstanceUID)).isEqualTo("1.2.3.4");
    }

    @Test
    void refusesElementsOutsideGroupZeroAndLengthsPastTheEnd() {
        byte[] otherGroup = {8, 0, 0x18, 0, 2, 0, 0, 0, '1', 0};
        assertThatThrownBy(() -> Command.decode(otherGroup, otherGroup.length))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] tooLong = {0, 0, 0, 1, (byte) 0xFF, 0, 0, 0, 1, 0};
        assertThatThrownBy(() -> Command.decode(tooLong, tooLong.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classifiesStatuses() {
        assertThat(Status.kindOf(0x0000)).isEqualTo(Status.Kind.SUCCESS);
        assertThat(Status.kindOf(0xFF00)).isEqualTo(Status.Kind.PENDING);
        assertThat(Status.kindOf(0xFF01)).isEqualTo(Status.Kind.PENDING);
        assertThat(Status.kindOf(0xFE00)).isEqualTo(Status.Kind.CANCEL);
        assertThat(Status.kindOf(0xB000)).isEqualTo(Status.Kind.WARNING);
        assertThat(Status.kindOf(0xA7FF)).isEqualTo(Status.Kind.FAILURE);
        assertThat(Status.kindOf(0xC211)).isEqualTo(Status.Kind.FAILURE);
        assertThat(Status.describe(0xA700)).isEqualTo("A700H (Failure: refused, out of resources)");
    }
}
