package io.gatehouse.controlplane.api.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.domain.activity.ActivityEntity;
import io.gatehouse.controlplane.domain.fleet.AgentEntity;
import io.gatehouse.controlplane.domain.fleet.DataPlaneGroupEntity;
import io.gatehouse.controlplane.domain.fleet.EnrollmentTokenEntity;
import io.gatehouse.controlplane.domain.identity.AccessTokenEntity;
import io.gatehouse.controlplane.domain.identity.InvitationEntity;
import io.gatehouse.controlplane.domain.identity.MembershipEntity;
import io.gatehouse.controlplane.domain.policy.KillSwitchEntity;
import io.gatehouse.controlplane.domain.policy.PolicyEntity;
import io.gatehouse.controlplane.domain.policy.RateLimitEntity;
import io.gatehouse.controlplane.domain.policy.RedactionRuleEntity;
import io.gatehouse.controlplane.domain.registry.IdentityProviderEntity;
import io.gatehouse.controlplane.domain.registry.ScopeEntity;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.domain.registry.ToolBindingEntity;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ClaimMappings;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneReject;
import io.gatehouse.protocol.api.DataPlaneState;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.Introspection;
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.Member;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.UpstreamAuth;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one translation between entities and {@code protocol} records. Entities never leave the
 * control plane; records never reach the database except as JSON inside {@code jsonb} columns.
 */
public final class ApiMapper {
    private static final TypeReference<List<PolicyRule>> RULES = new TypeReference<>() {};

    private ApiMapper() {}

    public static Member member(MembershipEntity m, String email) {
        return new Member(m.getUserId().toString(), email, m.getRole(), m.getCreatedAt(), m.getVersion());
    }

    public static Invitation invitation(InvitationEntity e, String token) {
        return new Invitation(
                e.getId().toString(),
                e.getEmail(),
                e.getRole(),
                e.getInvitedBy().toString(),
                e.getCreatedAt(),
                e.getExpiresAt(),
                e.getAcceptedAt(),
                token);
    }

    public static ApiToken apiToken(AccessTokenEntity e, String token) {
        return new ApiToken(
                e.getId().toString(),
                e.getName(),
                e.getRole(),
                e.getUserId().toString(),
                e.getCreatedAt(),
                e.getExpiresAt(),
                e.getLastUsedAt(),
                e.getRevokedAt(),
                token);
    }

    public static ActivityEntry activity(ActivityEntity e) {
        return new ActivityEntry(
                e.getId().toString(),
                e.getAt(),
                str(e.getActorUserId()),
                str(e.getActorTokenId()),
                e.getAction(),
                e.getResourceType(),
                e.getResourceId(),
                Json.tree(e.getBefore()),
                Json.tree(e.getAfter()),
                e.getRequestId());
    }

    public static IdentityProvider identityProvider(IdentityProviderEntity e) {
        return new IdentityProvider(
                e.getId().toString(),
                e.getName(),
                e.getIssuer(),
                e.getDiscoveryUri(),
                e.getJwksUri(),
                e.getAudience(),
                Json.read(e.getClaims(), ClaimMappings.class),
                Json.read(e.getIntrospection(), Introspection.class),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static Server server(ServerEntity e) {
        return new Server(
                e.getId().toString(),
                e.getName(),
                e.getSlug(),
                e.getUpstreamUrl(),
                e.getTransport(),
                Json.read(e.getUpstreamAuth(), UpstreamAuth.class),
                Json.read(e.getAllowedOrigins(), Json.STRINGS),
                e.getStatus(),
                Json.read(e.getLabels(), Json.STRING_MAP),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static Scope scope(ScopeEntity e) {
        return new Scope(
                e.getId().toString(),
                e.getName(),
                e.getDescription(),
                Json.read(e.getImplies(), Json.STRINGS),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static ToolBinding toolBinding(ToolBindingEntity e) {
        return new ToolBinding(
                e.getId().toString(),
                e.getServerId().toString(),
                e.getToolPattern(),
                Json.read(e.getRequiredScopes(), Json.STRINGS),
                e.getRisk(),
                Json.read(e.getGuardedArguments(), Json.STRINGS),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static Policy policy(PolicyEntity e) {
        return new Policy(
                e.getId().toString(),
                e.getName(),
                e.getDescription(),
                e.getPriority(),
                e.getMode(),
                e.isEnabled(),
                Json.read(e.getRules(), RULES),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static RedactionRule redactionRule(RedactionRuleEntity e) {
        return new RedactionRule(
                e.getId().toString(),
                e.getName(),
                Json.read(e.getDetectors(), Json.STRINGS),
                Json.read(e.getPatterns(), Json.STRINGS),
                e.getDirection(),
                e.getAction(),
                Json.read(e.getServerIds(), Json.STRINGS),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static RateLimit rateLimit(RateLimitEntity e) {
        return new RateLimit(
                e.getId().toString(),
                e.getName(),
                e.getLimitKey(),
                str(e.getServerId()),
                e.getTool(),
                e.getCapacity(),
                e.getRefillTokens(),
                e.getRefillPeriodSeconds(),
                e.getFailureMode(),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    public static KillSwitch killSwitch(KillSwitchEntity e) {
        return new KillSwitch(
                e.getId().toString(),
                e.getScope(),
                str(e.getServerId()),
                e.getTool(),
                e.getReason(),
                e.getLiftedAt() == null,
                e.getCreatedBy().toString(),
                e.getCreatedAt(),
                str(e.getLiftedBy()),
                e.getLiftedAt(),
                e.getVersion());
    }

    public static DataPlaneGroup dataPlaneGroup(DataPlaneGroupEntity e) {
        return new DataPlaneGroup(
                e.getId().toString(),
                e.getName(),
                e.getDescription(),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt(),
                e.getPublicBaseUrl());
    }

    public static EnrollmentToken enrollmentToken(EnrollmentTokenEntity e, String token) {
        return new EnrollmentToken(
                e.getId().toString(),
                e.getGroupId().toString(),
                e.getExpiresAt(),
                e.getMaxUses(),
                e.getUses(),
                e.getCreatedBy().toString(),
                e.getCreatedAt(),
                e.getRevokedAt(),
                token);
    }

    public static DataPlane dataPlane(AgentEntity e, long desiredVersion, Instant now, Duration offlineAfter) {
        DataPlaneState state;
        if (e.getRevokedAt() != null) {
            state = DataPlaneState.REVOKED;
        } else if (e.getLastSeenAt() == null) {
            state = DataPlaneState.PENDING;
        } else if (e.getLastSeenAt().plus(offlineAfter).isBefore(now)) {
            state = DataPlaneState.OFFLINE;
        } else {
            state = DataPlaneState.ONLINE;
        }
        DataPlaneReject reject = e.getRejectReason() == null
                ? null
                : new DataPlaneReject(
                        e.getRejectVersion(), e.getRejectReason(), e.getRejectDetail(), e.getRejectedAt());
        return new DataPlane(
                e.getId().toString(),
                e.getName(),
                e.getGroupId().toString(),
                e.getKeyId(),
                e.getAgentVersion(),
                state,
                e.getCreatedAt(),
                e.getLastSeenAt(),
                e.getStartedAt(),
                e.getAppliedVersion(),
                desiredVersion,
                desiredVersion != e.getAppliedVersion(),
                reject,
                e.getRevokedAt(),
                e.getVersion());
    }

    /** Parses a filter value into one of our wire enums, or records a field error. */
    public static <T extends Enum<T>> T parseEnum(Class<T> type, String value, String field, Validation v) {
        for (T constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        v.error(
                field,
                "'" + Validation.clip(value) + "' is invalid (expected one of: "
                        + Arrays.stream(type.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", ")) + ")");
        return null;
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
