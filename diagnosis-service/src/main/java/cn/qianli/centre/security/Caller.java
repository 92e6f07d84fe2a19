package cn.qianli.centre.security;

import java.util.List;
import java.util.Set;

/**
 * Who made this request, as the token says.
 *
 * @param actor         user name for people, client id for services (what the audit trail records)
 * @param subject       the token's subject
 * @param roles         the realm roles the centre knows
 * @param hospitalId    the {@code hospital_id} claim, or empty
 * @param districts     the {@code district} claim (a radiologist's districts), possibly empty
 * @param clientAddress the remote address of the request
 */
public record Caller(String actor, String subject, Set<Role> roles, String hospitalId,
        List<String> districts, String clientAddress) {

    public Caller {
        roles = Set.copyOf(roles);
        hospitalId = hospitalId == null ? "" : hospitalId;
        districts = List.copyOf(districts);
        clientAddress = clientAddress == null ? "" : clientAddress;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles for the audit trail, e.g. {@code clinic} or {@code radiologist,ai}. */
    public String roleNames() {
        return String.join(",", roles.stream().map(Role::realmName).sorted().toList());
    }
}
