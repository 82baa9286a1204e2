package io.gatehouse.controlplane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.hibernate.HibernateBundle;
import io.gatehouse.controlplane.alerts.AlertService;
import io.gatehouse.controlplane.alerts.WebhookService;
import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.api.errors.ProblemExceptionMapper;
import io.gatehouse.controlplane.api.errors.RequestIdFilter;
import io.gatehouse.controlplane.api.resources.ActivityResource;
import io.gatehouse.controlplane.api.resources.AlertDeliveriesResource;
import io.gatehouse.controlplane.api.resources.AlertWebhooksResource;
import io.gatehouse.controlplane.api.resources.AuditResource;
import io.gatehouse.controlplane.api.resources.DataPlaneGroupsResource;
import io.gatehouse.controlplane.api.resources.EnrollmentTokensResource;
import io.gatehouse.controlplane.api.resources.IdentityProvidersResource;
import io.gatehouse.controlplane.api.resources.InvitationAcceptResource;
import io.gatehouse.controlplane.api.resources.InvitationsResource;
import io.gatehouse.controlplane.api.resources.KillSwitchesResource;
import io.gatehouse.controlplane.api.resources.PoliciesResource;
import io.gatehouse.controlplane.api.resources.RateLimitsResource;
import io.gatehouse.controlplane.api.resources.RedactionRulesResource;
import io.gatehouse.controlplane.api.resources.ScopesResource;
import io.gatehouse.controlplane.api.resources.ServersResource;
import io.gatehouse.controlplane.api.resources.SessionsResource;
import io.gatehouse.controlplane.api.resources.SignupResource;
import io.gatehouse.controlplane.api.resources.TokensResource;
import io.gatehouse.controlplane.api.resources.ToolBindingsResource;
import io.gatehouse.controlplane.api.resources.UsersResource;
import io.gatehouse.controlplane.audit.AgentKeys;
import io.gatehouse.controlplane.audit.AuditIngest;
import io.gatehouse.controlplane.audit.AuditMaintenance;
import io.gatehouse.controlplane.audit.AuditQueryService;
import io.gatehouse.controlplane.audit.AuditRangeVerifier;
import io.gatehouse.controlplane.audit.AuditService;
import io.gatehouse.controlplane.audit.DbAgentKeys;
import io.gatehouse.controlplane.auth.AuthFeature;
import io.gatehouse.controlplane.auth.LoginThrottle;
import io.gatehouse.controlplane.auth.PasswordHasher;
import io.gatehouse.controlplane.auth.TokenResolver;
import io.gatehouse.controlplane.config.AuditFactory;
import io.gatehouse.controlplane.config.AuthFactory;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.controlplane.domain.activity.ActivityEntity;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.activity.ActivityService;
import io.gatehouse.controlplane.domain.fleet.DataPlaneGroupEntity;
import io.gatehouse.controlplane.domain.fleet.DataPlaneGroupService;
import io.gatehouse.controlplane.domain.fleet.EnrollmentTokenEntity;
import io.gatehouse.controlplane.domain.fleet.EnrollmentTokenService;
import io.gatehouse.controlplane.domain.identity.AccessTokenEntity;
import io.gatehouse.controlplane.domain.identity.ApiTokenService;
import io.gatehouse.controlplane.domain.identity.IdentityService;
import io.gatehouse.controlplane.domain.identity.InvitationEntity;
import io.gatehouse.controlplane.domain.identity.InvitationService;
import io.gatehouse.controlplane.domain.identity.MemberService;
import io.gatehouse.controlplane.domain.identity.MembershipEntity;
import io.gatehouse.controlplane.domain.identity.TenantEntity;
import io.gatehouse.controlplane.domain.identity.UserEntity;
import io.gatehouse.controlplane.domain.policy.KillSwitchEntity;
import io.gatehouse.controlplane.domain.policy.KillSwitchService;
import io.gatehouse.controlplane.domain.policy.PolicyEntity;
import io.gatehouse.controlplane.domain.policy.PolicyService;
import io.gatehouse.controlplane.domain.policy.RateLimitEntity;
import io.gatehouse.controlplane.domain.policy.RateLimitService;
import io.gatehouse.controlplane.domain.policy.RedactionRuleEntity;
import io.gatehouse.controlplane.domain.policy.RedactionRuleService;
import io.gatehouse.controlplane.domain.registry.IdentityProviderEntity;
import io.gatehouse.controlplane.domain.registry.IdentityProviderService;
import io.gatehouse.controlplane.domain.registry.ScopeEntity;
import io.gatehouse.controlplane.domain.registry.ScopeService;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.domain.registry.ServerService;
import io.gatehouse.controlplane.domain.registry.ToolBindingEntity;
import io.gatehouse.controlplane.domain.registry.ToolBindingService;
import io.gatehouse.controlplane.persistence.DatabaseRoleCheck;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.FlywayBundle;
import java.time.Clock;
import java.time.Duration;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The control plane's composition root: every bundle, resource, filter and mapper is registered
 * here, in the order a request meets them. Run with {@code server config.yml} (or just
 * {@code config.yml}, as {@code ./gatehouse control-plane config.yml} does).
 */
public final class ControlPlaneApplication extends Application<ControlPlaneConfiguration> {

    private final HibernateBundle<ControlPlaneConfiguration> hibernate =
            new HibernateBundle<>(
                    TenantEntity.class,
                    UserEntity.class,
                    MembershipEntity.class,
                    AccessTokenEntity.class,
                    InvitationEntity.class,
                    ActivityEntity.class,
                    IdentityProviderEntity.class,
                    ServerEntity.class,
                    ScopeEntity.class,
                    ToolBindingEntity.class,
                    PolicyEntity.class,
                    RedactionRuleEntity.class,
                    RateLimitEntity.class,
                    KillSwitchEntity.class,
                    DataPlaneGroupEntity.class,
                    EnrollmentTokenEntity.class) {
                @Override
                public PooledDataSourceFactory getDataSourceFactory(ControlPlaneConfiguration configuration) {
                    return configuration.getDataSourceFactory();
                }
            };

    public static void main(String[] args) throws Exception {
        String[] command = args.length == 1 && !args[0].startsWith("-") && args[0].endsWith(".yml")
                ? new String[] {"server", args[0]}
                : args;
        new ControlPlaneApplication().run(command);
    }

    @Override
    public String getName() {
        return "gatehouse-control-plane";
    }

    @Override
    public void initialize(Bootstrap<ControlPlaneConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap
                .getObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        bootstrap.addBundle(new FlywayBundle()); // before Hibernate: the schema must exist first
        bootstrap.addBundle(hibernate);
    }

    @Override
    public void run(ControlPlaneConfiguration config, Environment environment) {
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        Db db = new Db(hibernate.getSessionFactory());
        DatabaseRoleCheck.verify(db);

        AuthFactory auth = config.getAuth();
        PasswordHasher hasher = new PasswordHasher(auth.getArgon2MemoryKib(), auth.getArgon2Iterations());
        LoginThrottle throttle = new LoginThrottle(auth.getLoginsPerAddressPerMinute(), Clock.systemUTC());
        ActivityLog activityLog = new ActivityLog();
        IdentityService identity = new IdentityService(
                db,
                hasher,
                throttle,
                activityLog,
                Duration.ofMillis(auth.getSessionTtl().toMilliseconds()),
                auth.getMaxFailedLogins(),
                Duration.ofMillis(auth.getLockout().toMilliseconds()));
        Endpoints endpoints = new Endpoints(db, new Idempotency(environment.getObjectMapper()));

        // request path: request id -> authentication + permission (per method) -> resource -> problem details
        environment.jersey().register(new RequestIdFilter());
        environment.jersey().register(new AuthFeature(new TokenResolver(db)));
        environment.jersey().register(new ProblemExceptionMapper());

        environment.jersey().register(new SignupResource(identity));
        environment.jersey().register(new SessionsResource(identity));
        environment.jersey().register(new InvitationAcceptResource(identity));
        environment.jersey().register(new UsersResource(endpoints, new MemberService(activityLog)));
        environment
                .jersey()
                .register(new InvitationsResource(
                        endpoints,
                        new InvitationService(
                                activityLog,
                                Duration.ofMillis(auth.getInvitationTtl().toMilliseconds()))));
        environment.jersey().register(new TokensResource(endpoints, new ApiTokenService(activityLog)));
        environment
                .jersey()
                .register(new IdentityProvidersResource(endpoints, new IdentityProviderService(activityLog)));
        environment.jersey().register(new ServersResource(endpoints, new ServerService(activityLog)));
        environment.jersey().register(new ScopesResource(endpoints, new ScopeService(activityLog)));
        environment.jersey().register(new ToolBindingsResource(endpoints, new ToolBindingService(activityLog)));
        environment.jersey().register(new PoliciesResource(endpoints, new PolicyService(activityLog)));
        environment.jersey().register(new RedactionRulesResource(endpoints, new RedactionRuleService(activityLog)));
        environment.jersey().register(new RateLimitsResource(endpoints, new RateLimitService(activityLog)));
        environment.jersey().register(new KillSwitchesResource(endpoints, new KillSwitchService(activityLog)));
        environment.jersey().register(new DataPlaneGroupsResource(endpoints, new DataPlaneGroupService(activityLog)));
        environment.jersey().register(new EnrollmentTokensResource(endpoints, new EnrollmentTokenService(activityLog)));
        environment.jersey().register(new ActivityResource(endpoints, new ActivityService()));

        // audit: ingest from Pulsar (when configured), partitions + retention, query API; alerts
        AuditFactory auditConfig = config.getAudit();
        AlertService alerts = new AlertService(
                db,
                environment.getObjectMapper(),
                Clock.systemUTC(),
                Duration.ofMillis(auditConfig.getAlertRetryBackoff().toMilliseconds()),
                auditConfig.getAlertMaxAttempts());
        environment.lifecycle().manage(managed(alerts));
        AgentKeys agentKeys = new DbAgentKeys(db);
        environment
                .lifecycle()
                .manage(new AuditMaintenance(
                        db,
                        Clock.systemUTC(),
                        auditConfig.getPartitionsAhead(),
                        auditConfig.getRetentionDays(),
                        Duration.ofMillis(auditConfig.getMaintenanceInterval().toMilliseconds())));
        if (auditConfig.getPulsarServiceUrl() != null) {
            PulsarClient pulsar = AuditIngest.client(auditConfig.getPulsarServiceUrl(), auditConfig.getPulsarToken());
            environment
                    .lifecycle()
                    .manage(new AuditIngest(
                            db,
                            agentKeys,
                            alerts,
                            pulsar,
                            auditConfig.getSubscription(),
                            Duration.ofMillis(auditConfig.getTenantRefresh().toMilliseconds()),
                            AuditIngest.allTenants(db),
                            auditConfig.getDenySpikePerMinute()));
        }
        environment
                .jersey()
                .register(new AuditResource(
                        new AuditService(
                                db,
                                new AuditQueryService(environment.getObjectMapper()),
                                new AuditRangeVerifier(agentKeys)),
                        environment.getObjectMapper()));
        WebhookService webhooks = new WebhookService(db, Clock.systemUTC());
        environment.jersey().register(new AlertWebhooksResource(webhooks));
        environment.jersey().register(new AlertDeliveriesResource(webhooks));
    }

    private static io.dropwizard.lifecycle.Managed managed(AutoCloseable closeable) {
        return new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() throws Exception {
                closeable.close();
            }
        };
    }
}
