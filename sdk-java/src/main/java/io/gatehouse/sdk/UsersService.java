package io.gatehouse.sdk;

import io.gatehouse.protocol.api.Member;
import io.gatehouse.protocol.api.MemberUpdate;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Role;

/** {@code /api/v1/users}: members of the tenant (join through invitations). */
public final class UsersService {
    private final CrudService<MemberUpdate, Member> members;

    UsersService(HttpTransport transport) {
        this.members = new CrudService<>(transport, "/api/v1/users", Member.class);
    }

    public Page<Member> list(ListParams params) {
        return members.list(params);
    }

    public Iterable<Member> listAll() {
        return members.listAll();
    }

    public Member get(String userId) {
        return members.get(userId);
    }

    public Member changeRole(Member current, Role role) {
        return members.update(current, new MemberUpdate(role));
    }

    public Member changeRole(String userId, Role role) {
        return members.update(userId, new MemberUpdate(role));
    }

    public void remove(String userId) {
        members.delete(userId);
    }
}
