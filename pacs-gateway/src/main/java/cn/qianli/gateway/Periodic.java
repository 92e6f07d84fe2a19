package cn.qianli.gateway;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a task every interval on a virtual thread until closed; a failing round is logged, not fatal. */
public final class Periodic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    /** One round of work. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private final Thread thread;

    private Periodic(Thread thread) {
        this.thread = thread;
    }

    public static Periodic every(String name, Duration interval, Task task) {
        Thread thread = Thread.ofVirtual().name(name).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    task.run();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("{} round failed: {}", name, e.toString());
                }
            }
        });
        return new Periodic(thread);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
