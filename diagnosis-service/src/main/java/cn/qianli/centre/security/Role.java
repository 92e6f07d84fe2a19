package cn.qianli.centre.security;

import java.util.Locale;
import java.util.Optional;

/** The realm roles the centre knows (ARCHITECTURE: Roles). */
public enum Role {
    /** one hospital's staff: sees and sends only that hospital's studies */
    CLINIC,
    /** reads the studies of the hospitals in the district it serves */
    RADIOLOGIST,
    /** statistics and the audit trail, never images */
    AUDITOR,
    /** a hospital's gateway: may only store, and only for its own hospital */
    GATEWAY,
    /** the pre-screen service: reads pixels of every study */
    AI;

    public String realmName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + realmName();
    }

    static Optional<Role> ofRealmName(String name) {
        for (Role r : values()) {
            if (r.realmName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
