package cn.qianli.centre.dicomweb.stow;

import cn.qianli.centre.dicomweb.DicomWebProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The bytes of STOW-RS parts that all requests together may hold in memory (QIANLI_STOW_MEMORY). */
@Component
class StowMemory {

    private final long budget;
    private final AtomicLong left;

    @Autowired
    StowMemory(DicomWebProperties props) {
        this(props.stowMemory().toBytes());
    }

    StowMemory(long budget) {
        this.budget = budget;
        this.left = new AtomicLong(budget);
    }

    /** Takes {@code bytes} of the budget if that many are left; false (taking nothing) otherwise. */
    boolean take(long bytes) {
        for (long now; (now = left.get()) >= bytes; ) {
            if (left.compareAndSet(now, now - bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back bytes taken. */
    void give(long bytes) {
        if (bytes > 0 && left.addAndGet(bytes) > budget) {
            throw new IllegalStateException("more STOW-RS memory given back than was taken");
        }
    }

    /** Bytes of the budget not taken now. */
    long left() {
        return left.get();
    }
}
