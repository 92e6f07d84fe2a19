package cn.qianli.gateway.forward;

import cn.qianli.gateway.spool.DicomCoreReader;
import cn.qianli.gateway.spool.Spool;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/** Child process for {@link ForwarderCrashTests}: forwards a spool to a STOW-RS server until killed. */
public final class ForwarderProcess {

    public static void main(String[] args) throws Exception {
        Spool spool = Spool.open(Path.of(args[0]), 0, new DicomCoreReader(), Clock.systemUTC());
        Forwarder forwarder = new Forwarder(spool, TestCentres.at(URI.create(args[1]), false, 600_000, 3),
                BearerTokens.NONE, Clock.systemUTC());
        forwarder.start();
        System.out.println("FORWARDING " + spool.state().queueDepth());
        System.out.flush();
        while (true) {
            spool.awaitWork(1000);
            if (spool.state().queueDepth() == 0) {
                System.out.println("DRAINED");
                System.out.flush();
            }
        }
    }
}
