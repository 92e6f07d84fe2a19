package cn.qianli.gateway.scp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The modalities allowed to store: {@code AE} or {@code AE@host} entries. The AE title is checked
 * when the association is requested (dicom-core rejects others); the host, when given, is checked
 * on each C-STORE against the peer's address.
 */
final class Modalities {

    private final Map<String, Optional<InetAddress>> byAeTitle = new HashMap<>();

    Modalities(List<String> entries) throws UnknownHostException {
        for (String entry : entries) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int at = e.indexOf('@');
            if (at < 0) {
                byAeTitle.put(e, Optional.empty());
            } else {
                byAeTitle.put(e.substring(0, at).strip(), Optional.of(InetAddress.getByName(e.substring(at + 1).strip())));
            }
        }
    }

    /** AE titles for the association check; empty = any. */
    Set<String> aeTitles() {
        return Set.copyOf(byAeTitle.keySet());
    }

    /** Whether {@code callingAeTitle} may store from {@code remoteAddress} ("host:port"). */
    boolean allows(String callingAeTitle, String remoteAddress) {
        if (byAeTitle.isEmpty()) {
            return true;
        }
        Optional<InetAddress> host = byAeTitle.get(callingAeTitle);
        if (host == null) {
            return false;
        }
        if (host.isEmpty()) {
            return true;
        }
        String peer = remoteAddress == null ? "" : remoteAddress;
        int colon = peer.lastIndexOf(':');
        String peerHost = colon < 0 ? peer : peer.substring(0, colon);
        try {
            return InetAddress.getByName(peerHost).equals(host.get());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
