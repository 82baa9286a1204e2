package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.engine.redaction.Detectors;
import io.gatehouse.engine.redaction.Finding;
import io.gatehouse.engine.redaction.Redaction;
import io.gatehouse.engine.redaction.RedactionConfigException;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.engine.redaction.TextRedaction;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionFinding;
import io.gatehouse.protocol.api.RedactionTestRequest;
import io.gatehouse.protocol.api.RedactionTestResult;
import io.gatehouse.protocol.bundle.RedactionRule;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * {@code POST /api/v1/redaction-rules:test}: the data plane's redaction engine on a sample, so what the
 * console shows is what the agent does. Hashes use a key of this process, not an agent's, so they do not
 * equal the hashes an agent writes (by design: agents never share their key).
 */
public final class RedactionTestService {

    /** Largest sample accepted, in characters of text or of serialized JSON. */
    public static final int MAX_SAMPLE_CHARS = 1_000_000;

    private final RedactionRuleService rules;
    private final byte[] hashKey = new byte[32];

    public RedactionTestService(RedactionRuleService rules) {
        this.rules = rules;
        new SecureRandom().nextBytes(hashKey);
    }

    public RedactionTestResult test(Session session, RedactionTestRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", "a JSON request body is required");
        }
        RedactionTestRequest r = request.json() != null
                        && (request.json().isNull() || request.json().isMissingNode())
                ? new RedactionTestRequest(
                        request.text(),
                        null,
                        request.ruleId(),
                        request.detectors(),
                        request.patterns(),
                        request.action(),
                        request.direction())
                : request;
        Validation v = new Validation();
        if ((r.text() == null) == (r.json() == null)) {
            v.error("text", "give exactly one of text or json");
        } else if (r.text() != null && r.text().length() > MAX_SAMPLE_CHARS) {
            v.error("text", "has " + r.text().length() + " characters (expected: at most " + MAX_SAMPLE_CHARS + ")");
        } else if (r.json() != null && r.json().toString().length() > MAX_SAMPLE_CHARS) {
            v.error("json", "is larger than " + MAX_SAMPLE_CHARS + " characters");
        }
        boolean inline = r.detectors() != null || r.patterns() != null;
        if ((r.ruleId() == null) == !inline) {
            v.error("ruleId", "give either ruleId (a stored rule) or detectors and/or patterns (an inline rule)");
        }
        v.throwIfInvalid();
        Direction direction = r.direction() == null ? Direction.RESPONSE : r.direction();
        if (direction == Direction.BOTH) {
            v.error("direction", "is 'both' (expected: request or response: the side a sample is on)");
            v.throwIfInvalid();
        }
        RedactionRule rule = inline ? inlineRule(r, v) : storedRule(session, r.ruleId());
        Redactor redactor;
        try {
            redactor = Redactor.compile(List.of(rule), hashKey);
        } catch (RedactionConfigException e) {
            throw ApiException.validation(
                    List.of(new io.gatehouse.protocol.api.FieldError("patterns", e.getMessage())));
        }
        RedactionRule.Direction side = RedactionRule.Direction.valueOf(direction.name());
        if (r.text() != null) {
            TextRedaction out = redactor.redactText(r.text(), side);
            return new RedactionTestResult(out.text(), null, out.blocked(), findings(out.findings()));
        }
        Redaction out = redactor.redact(r.json(), side);
        return new RedactionTestResult(null, out.value(), out.blocked(), findings(out.findings()));
    }

    private static RedactionRule inlineRule(RedactionTestRequest r, Validation v) {
        List<String> detectors = r.detectors() == null ? List.of() : r.detectors();
        List<String> patterns = r.patterns() == null ? List.of() : r.patterns();
        RedactionRuleService.validateDetectorsAndPatterns(detectors, patterns, v);
        v.throwIfInvalid();
        RedactionAction action = r.action() == null ? RedactionAction.MASK : r.action();
        return new RedactionRule(
                "test",
                "test",
                detectors,
                patterns,
                RedactionRule.Direction.BOTH,
                RedactionRule.Action.valueOf(action.name()));
    }

    private RedactionRule storedRule(Session session, String ruleId) {
        UUID id;
        try {
            id = UUID.fromString(ruleId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("redaction-rule");
        }
        RedactionRuleEntity e = rules.load(session, id);
        List<String> detectors = Json.read(e.getDetectors(), Json.STRINGS).stream()
                .filter(Detectors.ids()::contains)
                .toList();
        return new RedactionRule(
                e.getId().toString(),
                e.getName(),
                detectors,
                Json.read(e.getPatterns(), Json.STRINGS),
                RedactionRule.Direction.valueOf(e.getDirection().name()),
                RedactionRule.Action.valueOf(e.getAction().name()));
    }

    private static List<RedactionFinding> findings(List<Finding> findings) {
        return findings.stream()
                .map(f -> new RedactionFinding(
                        f.ruleId(),
                        f.detector(),
                        f.pointer(),
                        f.key(),
                        RedactionAction.valueOf(f.action().name())))
                .toList();
    }
}
