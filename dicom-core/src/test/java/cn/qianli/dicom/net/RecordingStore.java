package cn.qianli.dicom.net;

import cn.qianli.dicom.net.dimse.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A C-STORE handler for tests: remembers each instance with the digest of its data set. */
final class RecordingStore implements StoreHandler {

    record Stored(ReceivedInstance instance, String dataSetDigest) {
    }

    final List<Stored> stored = new CopyOnWriteArrayList<>();

    @Override
    public Status store(ReceivedInstance instance) {
        try {
            stored.add(new Stored(instance, Samples.dataSetDigest(instance.file())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Status.SUCCESS;
    }

    List<String> digests() {
        return stored.stream().map(Stored::dataSetDigest).toList();
    }
}
