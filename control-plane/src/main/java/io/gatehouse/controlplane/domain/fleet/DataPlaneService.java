package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.controlplane.persistence.Times;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.fleet.AgentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolled agents: the fleet view (last heartbeat, applied vs desired version, drift, last reject), revocation
 * ({@code DELETE}), and the status reports agents send on {@code t-{tenant}/dp/status}. Agents are created only by
 * enrollment ({@link EnrollmentService}).
 */
public final class DataPlaneService extends CrudService<AgentEntity, Void, DataPlane> {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneService.class);

    private final Duration offlineAfter;
    private final Clock clock;

    /** With the default offline threshold (90 s) and the system clock. */
    public DataPlaneService(ActivityLog activity) {
        this(activity, Duration.ofSeconds(90), Clock.systemUTC());
    }

    public DataPlaneService(ActivityLog activity, Duration offlineAfter, Clock clock) {
        super(AgentEntity.class, "data-plane", activity);
        this.offlineAfter = offlineAfter;
        this.clock = clock;
    }

    @Override
    protected void validate(Session session, Void request, AgentEntity existing, Validation v) {
        throw new UnsupportedOperationException("agents are created by enrollment");
    }

    @Override
    protected AgentEntity newEntity(Caller caller, Void request) {
        throw new UnsupportedOperationException("agents are created by enrollment");
    }

    @Override
    protected void apply(AgentEntity entity, Void request) {
        throw new UnsupportedOperationException("agents are not edited");
    }

    @Override
    public DataPlane represent(AgentEntity e) {
        return ApiMapper.dataPlane(e, desired(e), clock.instant(), offlineAfter);
    }

    private long desired(AgentEntity e) {
        return e.getDesiredVersion();
    }

    /** Revokes the agent: its status reports are ignored from now on; the record stays. */
    @Override
    public void delete(Session session, Caller caller, UUID id, Long ifMatch) {
        AgentEntity e = load(session, id);
        checkVersion(e, ifMatch);
        if (e.getRevokedAt() != null) {
            return;
        }
        DataPlane before = represent(e);
        e.setRevokedAt(Times.now());
        e.touch();
        session.flush();
        activity.record(session, caller, "revoke", resourceType(), id.toString(), before, represent(e));
    }

    @Override
    public DataPlane update(Session session, Caller caller, UUID id, Void request, Long ifMatch) {
        throw new ApiException(405, "METHOD_NOT_ALLOWED", "agents are not edited");
    }

    @Override
    public List<String> filterNames() {
        return List.of("groupId");
    }

    @Override
    protected void filter(Keyset<AgentEntity> keyset, ListParams params, Validation v) {
        String group = params.filter("groupId");
        if (group != null) {
            UUID groupId = id(v, "groupId", group, false);
            if (groupId != null) {
                keyset.where("e.groupId = :groupId", Map.of("groupId", groupId));
            }
        }
    }

    /**
     * Applies one status report (the session is the tenant's). Reports of unknown or revoked agents are ignored;
     * returns whether the report was applied.
     */
    public boolean applyStatus(Session session, AgentStatus status, Instant receivedAt) {
        UUID id;
        try {
            id = UUID.fromString(status.agentId());
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        List<AgentEntity> found = session.createQuery("from AgentEntity e where e.id = :id", AgentEntity.class)
                .setParameter("id", id)
                .getResultList();
        if (found.isEmpty() || found.get(0).getRevokedAt() != null || status.kind() == null) {
            return false;
        }
        AgentEntity agent = found.get(0);
        if (agent.getLastSeenAt() == null || !receivedAt.isBefore(agent.getLastSeenAt())) {
            agent.setLastSeenAt(receivedAt);
        }
        agent.setAppliedVersion(Math.max(0, status.appliedVersion()));
        if (status.agentVersion() != null) {
            agent.setAgentVersion(clip(status.agentVersion(), 64));
        }
        if (status.startedAt() != null) {
            agent.setStartedAt(status.startedAt());
        }
        if (status.kind() == AgentStatus.Kind.REJECTED) {
            agent.setReject(
                    status.bundleVersion(),
                    status.reason() == null ? "UNKNOWN" : clip(status.reason(), 64),
                    status.detail() == null ? null : clip(status.detail(), 500),
                    receivedAt);
            LOG.info(
                    "agent {} rejected bundle v{}: {}",
                    agent.getId(),
                    status.bundleVersion(),
                    status.reason() == null ? "UNKNOWN" : clip(status.reason(), 64));
        }
        agent.touch();
        return true;
    }

    private static String clip(String value, int max) {
        String printable = value.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= max ? printable : printable.substring(0, max);
    }
}
