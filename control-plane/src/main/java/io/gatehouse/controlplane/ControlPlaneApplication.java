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
import io.gatehouse.controlplane.alerts.WebhookSecretSealer;
import io.gatehouse.controlplane.alerts.WebhookSecrets;
import io.gatehouse.controlplane.alerts.WebhookService;
import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.api.errors.ProblemExceptionMapper;
import io.gatehouse.controlplane.api.errors.RequestIdFilter;
import io.gatehouse.controlplane.api.resources.ActivityResource;
import io.gatehouse.controlplane.api.resources.AlertDeliveriesResource;
import io.gatehouse.controlplane.api.resources.AlertWebhooksResource;
import io.gatehouse.controlplane.api.resources.AuditResource;
import io.gatehouse.controlplane.api.resources.BundlePublishResource;
import io.gatehouse.controlplane.api.resources.BundleRollbackResource;
import io.gatehouse.controlplane.api.resources.BundlesResource;
import io.gatehouse.controlplane.api.resources.DataPlaneEnrollResource;
import io.gatehouse.controlplane.api.resources.DataPlaneGroupsResource;
import io.gatehouse.controlplane.api.resources.DataPlanesResource;
import io.gatehouse.controlplane.api.resources.EnrollmentTokensResource;
import io.gatehouse.controlplane.api.resources.IdentityProvidersResource;
import io.gatehouse.controlplane.api.resources.InvitationAcceptResource;
import io.gatehouse.controlplane.api.resources.InvitationsResource;
import io.gatehouse.controlplane.api.resources.KillSwitchesResource;
import io.gatehouse.controlplane.api.resources.PoliciesResource;
import io.gatehouse.controlplane.api.resources.PolicySimulationResource;
import io.gatehouse.controlplane.api.resources.RateLimitsResource;
import io.gatehouse.controlplane.api.resources.RedactionRuleTestResource;
import io.gatehouse.controlplane.api.resources.RedactionRulesResource;
import io.gatehouse.controlplane.api.resources.ScopesResource;
import io.gatehouse.controlplane.api.resources.ServerToolApprovalResource;
import io.gatehouse.controlplane.api.resources.ServerToolsResource;
import io.gatehouse.controlplane.api.resources.ServersResource;
import io.gatehouse.controlplane.api.resources.SessionsResource;
import io.gatehouse.controlplane.api.resources.SigningKeyRotateResource;
import io.gatehouse.controlplane.api.resources.SigningKeysResource;
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
import io.gatehouse.controlplane.bundle.BundleCompiler;
import io.gatehouse.controlplane.bundle.BundleControl;
import io.gatehouse.controlplane.bundle.BundleService;
import io.gatehouse.controlplane.bundle.SigningKeys;
import io.gatehouse.controlplane.config.AuditFactory;
import io.gatehouse.controlplane.config.AuthFactory;
import io.gatehouse.controlplane.config.BundlesFactory;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.controlplane.config.PulsarFactory;
import io.gatehouse.controlplane.domain.activity.ActivityEntity;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.activity.ActivityService;
import io.gatehouse.controlplane.domain.fleet.AgentEntity;
import io.gatehouse.controlplane.domain.fleet.DataPlaneGroupEntity;
import io.gatehouse.controlplane.domain.fleet.DataPlaneGroupService;
import io.gatehouse.controlplane.domain.fleet.DataPlaneService;
import io.gatehouse.controlplane.domain.fleet.EnrollmentService;
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
import io.gatehouse.controlplane.domain.policy.PolicySimulator;
import io.gatehouse.controlplane.domain.policy.RateLimitEntity;
import io.gatehouse.controlplane.domain.policy.RateLimitService;
import io.gatehouse.controlplane.domain.policy.RedactionRuleEntity;
import io.gatehouse.controlplane.domain.policy.RedactionRuleService;
import io.gatehouse.controlplane.domain.policy.RedactionTestService;
import io.gatehouse.controlplane.domain.registry.DiscoveredToolEntity;
import io.gatehouse.controlplane.domain.registry.IdentityProviderEntity;
import io.gatehouse.controlplane.domain.registry.IdentityProviderService;
import io.gatehouse.controlplane.domain.registry.ScopeEntity;
import io.gatehouse.controlplane.domain.registry.ScopeService;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.domain.registry.ServerService;
import io.gatehouse.controlplane.domain.registry.ServerToolsService;
import io.gatehouse.controlplane.domain.registry.ToolBindingEntity;
import io.gatehouse.controlplane.domain.registry.ToolBindingService;
import io.gatehouse.controlplane.domain.registry.ToolPinEntity;
import io.gatehouse.controlplane.messaging.AgentTokens;
import io.gatehouse.controlplane.messaging.BundleOutbox;
import io.gatehouse.controlplane.messaging.FleetStatusIngest;
import io.gatehouse.controlplane.messaging.OutboxRelay;
import io.gatehouse.controlplane.messaging.PulsarGateway;
import io.gatehouse.controlplane.persistence.DatabaseRoleCheck;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.FlywayBundle;
import io.gatehouse.protocol.signing.Aead;
import io.gatehouse.protocol.signing.BundleSigner;
import io.gatehouse.protocol.signing.MasterKey;
import java.time.Clock;
import java.time.Duration;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.LoggerFactory;

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
                    EnrollmentTokenEntity.class,
                    DiscoveredToolEntity.class,
                    ToolPinEntity.class,
                    AgentEntity.class) {
                @Override
                public PooledDataSourceFactory getDataSourceFactory(ControlPlaneConfiguration configuration) {
                    return configuration.getDataSourceFactory();
                }
            };

    /** Set by {@link #run}: the tool-pin service the bundle compiler asks for pins and status. */
    ServerToolsService serverTools;

    /** Set by {@link #run}: tenant-scoped transactions (for in-process callers such as tests). */
    Db db;

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
        // bundle outbox: every bundle-relevant change writes a row in its own transaction (docs/bundles.md)
        Clock clock = Clock.systemUTC();
        BundlesFactory bundlesConfig = config.getBundles();
        BundleOutbox outbox = new BundleOutbox(bundlesConfig.getDebounce(), clock);
        ActivityLog activityLog = new ActivityLog(outbox);
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
        ServerService serverService = new ServerService(activityLog);
        environment.jersey().register(new ServersResource(endpoints, serverService));
        ServerToolsService serverTools = new ServerToolsService(activityLog, serverService);
        this.serverTools = serverTools;
        this.db = db;
        environment.jersey().register(new ServerToolsResource(endpoints, serverTools));
        environment.jersey().register(new ServerToolApprovalResource(endpoints, serverTools));
        environment.jersey().register(new ScopesResource(endpoints, new ScopeService(activityLog)));
        environment.jersey().register(new ToolBindingsResource(endpoints, new ToolBindingService(activityLog)));
        environment.jersey().register(new PoliciesResource(endpoints, new PolicyService(activityLog)));
        environment.jersey().register(new PolicySimulationResource(db, new PolicySimulator(Clock.systemUTC())));
        RedactionRuleService redactionRules = new RedactionRuleService(activityLog);
        environment.jersey().register(new RedactionRulesResource(endpoints, redactionRules));
        environment
                .jersey()
                .register(new RedactionRuleTestResource(endpoints, new RedactionTestService(redactionRules)));
        environment.jersey().register(new RateLimitsResource(endpoints, new RateLimitService(activityLog)));
        environment.jersey().register(new KillSwitchesResource(endpoints, new KillSwitchService(activityLog)));
        environment.jersey().register(new DataPlaneGroupsResource(endpoints, new DataPlaneGroupService(activityLog)));
        environment.jersey().register(new EnrollmentTokensResource(endpoints, new EnrollmentTokenService(activityLog)));
        environment.jersey().register(new ActivityResource(endpoints, new ActivityService()));

        // bundles, signing keys and the fleet (docs/bundles.md)
        BundleService bundleService = bundleService(bundlesConfig, clock);
        PulsarFactory pulsarConfig = config.getPulsar();
        DataPlaneService dataPlanes = new DataPlaneService(activityLog, bundlesConfig.getOfflineAfter(), clock);
        OutboxRelay relay = null;
        if (bundleService != null) {
            PulsarGateway pulsar = pulsarConfig.isEnabled() ? new PulsarGateway(pulsarConfig) : null;
            relay = new OutboxRelay(
                    db,
                    bundleService,
                    outbox,
                    pulsar,
                    pulsar == null ? null : new FleetStatusIngest(db, dataPlanes, serverTools, clock),
                    new OutboxRelay.ListenConnection(
                            config.getDataSourceFactory().getUrl(),
                            config.getDataSourceFactory().getUser(),
                            config.getDataSourceFactory().getPassword()),
                    clock);
            environment.lifecycle().manage(relay);
        }
        OutboxRelay provisioner = relay;
        EnrollmentService enrollment = new EnrollmentService(
                db,
                activityLog,
                new EnrollmentService.Dependencies(
                        bundleService == null ? null : bundleService.keys(),
                        pulsarConfig.getTokenSecretKey() == null
                                ? null
                                : new AgentTokens(
                                        pulsarConfig.getTokenSecretKey(), pulsarConfig.getAgentTokenTtl(), clock),
                        pulsarConfig.getAdvertisedServiceUrl(),
                        provisioner == null ? null : provisioner::ensureProvisioned),
                bundlesConfig.getOfflineAfter(),
                clock);
        BundleControl bundleControl = new BundleControl(db, bundleService, activityLog);
        environment.jersey().register(new BundlesResource(bundleControl));
        environment.jersey().register(new BundlePublishResource(bundleControl));
        environment.jersey().register(new BundleRollbackResource(bundleControl));
        environment.jersey().register(new SigningKeysResource(bundleControl));
        environment.jersey().register(new SigningKeyRotateResource(bundleControl));
        environment.jersey().register(new DataPlanesResource(endpoints, dataPlanes));
        environment.jersey().register(new DataPlaneEnrollResource(enrollment));
        // audit: ingest from Pulsar (when configured), partitions + retention, query API; alerts
        AuditFactory auditConfig = config.getAudit();
        WebhookSecrets webhookSecrets = new WebhookSecrets(masterKeys(bundlesConfig));
        AlertService alerts = new AlertService(
                db,
                environment.getObjectMapper(),
                Clock.systemUTC(),
                Duration.ofMillis(auditConfig.getAlertRetryBackoff().toMilliseconds()),
                auditConfig.getAlertMaxAttempts(),
                webhookSecrets);
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
        WebhookService webhooks = new WebhookService(db, Clock.systemUTC(), webhookSecrets);
        environment.lifecycle().manage(new WebhookSecretSealer(webhooks, AuditIngest.allTenants(db)));
        environment.jersey().register(new AlertWebhooksResource(webhooks));
        environment.jersey().register(new AlertDeliveriesResource(webhooks));
    }

    /** The master keys (AES-GCM) that seal secrets at rest, or null when none is configured. */
    private static Aead masterKeys(BundlesFactory config) {
        if (config.getMasterKey() == null) {
            return null;
        }
        MasterKey primary = MasterKey.parse(config.getMasterKeyId(), config.getMasterKey());
        return config.getPreviousMasterKey() == null
                ? new Aead(primary)
                : new Aead(primary, MasterKey.parse(config.getPreviousMasterKeyId(), config.getPreviousMasterKey()));
    }

    /** The bundle compiler and signer, or null (with a warning) when no master key is configured. */
    private static BundleService bundleService(BundlesFactory config, Clock clock) {
        if (config.getMasterKey() == null) {
            LoggerFactory.getLogger(ControlPlaneApplication.class)
                    .warn("bundles.masterKey is not set: no bundle is compiled or published and enrollment answers 503;"
                            + " changes wait in the outbox (set GATEHOUSE_MASTER_KEY, see docs/bundles.md)");
            return null;
        }
        return new BundleService(
                new BundleCompiler(),
                new SigningKeys(masterKeys(config), config.getKeyPropagationWindow(), clock),
                new BundleSigner(config.getIssuer()),
                config.getExpiry(),
                config.getDefaultPublicBaseUrl(),
                clock);
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
