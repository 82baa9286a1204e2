package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import io.gatehouse.protocol.api.RedactionTestRequest;
import io.gatehouse.protocol.api.RedactionTestResult;
import java.util.Objects;

/** {@code /api/v1/redaction-rules}: DLP rules, and {@code :test} to run a sample through the data plane's engine. */
public final class RedactionRulesService extends CrudService<RedactionRuleRequest, RedactionRule> {

    private static final TypeReference<RedactionTestResult> RESULT = new TypeReference<>() {};

    RedactionRulesService(HttpTransport transport) {
        super(transport, "/api/v1/redaction-rules", RedactionRule.class);
    }

    /** Redacts a sample with a stored or an inline rule; changes nothing. */
    public RedactionTestResult test(RedactionTestRequest request) {
        Objects.requireNonNull(request, "request");
        return transport
                .send("POST", path + ":test", null, request, RequestOptions.NONE, RESULT, true)
                .body();
    }
}
