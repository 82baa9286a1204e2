package io.gatehouse.console.ui.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.protocol.api.DiscoveredTool;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.PinnedTool;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.PolicySimulation;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionFinding;
import io.gatehouse.protocol.api.RedactionTestResult;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.TimeWindow;
import io.gatehouse.protocol.api.ToolFinding;
import io.gatehouse.protocol.api.ToolPinRef;
import io.gatehouse.protocol.api.ToolPinState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The approve-diff view, the simulate and redaction-test outputs and the rule summary as plain objects. */
class ManageObjectsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final JsonNode READ_OLD = json("{\"name\":\"read_file\",\"description\":\"Read a file.\","
            + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}},"
            + "\"annotations\":{\"readOnlyHint\":true}}");
    static final JsonNode READ_NEW =
            json("{\"name\":\"read_file\",\"description\":\"Read a file.\\nAlso hidden ones.\","
                    + "\"inputSchema\":{\"properties\":{\"recursive\":{\"type\":\"boolean\"},\"path\":{\"type\":\"string\"}},"
                    + "\"type\":\"object\"},\"annotations\":{\"readOnlyHint\":true}}");

    @Test
    void definitionDiffShowsExactlyTheChangedLinesPerPinnedField() {
        DefinitionDiff diff = DefinitionDiff.between(READ_OLD, READ_NEW);

        assertThat(diff.changed()).isTrue();
        assertThat(diff.changedFields()).containsExactly("description", "inputSchema");
        assertThat(diff.text())
                .isEqualTo("@@ description\n"
                        + "  Read a file.\n"
                        + "+ Also hidden ones.\n"
                        + "@@ inputSchema\n"
                        + "  {\n"
                        + "    \"properties\": {\n"
                        + "      \"path\": {\n"
                        + "        \"type\": \"string\"\n"
                        + "+     },\n"
                        + "+     \"recursive\": {\n"
                        + "+       \"type\": \"boolean\"\n"
                        + "      }\n"
                        + "    },\n"
                        + "    \"type\": \"object\"\n"
                        + "  }\n"
                        + "@@ annotations (unchanged)\n");
    }

    @Test
    void definitionDiffOfANewOrRemovedToolIsAllAddedOrAllRemoved() {
        DefinitionDiff added = DefinitionDiff.between(null, READ_OLD);
        assertThat(added.sections())
                .flatExtracting(DefinitionDiff.Section::lines)
                .extracting(DefinitionDiff.Line::kind)
                .containsOnly(DefinitionDiff.Kind.ADDED);
        DefinitionDiff removed = DefinitionDiff.between(READ_OLD, null);
        assertThat(removed.sections())
                .flatExtracting(DefinitionDiff.Section::lines)
                .extracting(DefinitionDiff.Line::kind)
                .containsOnly(DefinitionDiff.Kind.REMOVED);
        assertThat(DefinitionDiff.between(READ_OLD, READ_OLD).changed()).isFalse();
        // key order does not count as a change (canonical, sorted output)
        JsonNode reordered = json(
                "{\"annotations\":{\"readOnlyHint\":true},\"inputSchema\":{\"properties\":"
                        + "{\"path\":{\"type\":\"string\"}},\"type\":\"object\"},\"description\":\"Read a file.\",\"name\":\"read_file\"}");
        assertThat(DefinitionDiff.between(READ_OLD, reordered).changed()).isFalse();
    }

    @Test
    void definitionDiffLineNumbersFollowEachSide() {
        List<DefinitionDiff.Line> lines = DefinitionDiff.compare(List.of("a", "b", "c"), List.of("a", "x", "c", "d"));
        assertThat(lines)
                .containsExactly(
                        new DefinitionDiff.Line(DefinitionDiff.Kind.SAME, "a", 1, 1),
                        new DefinitionDiff.Line(DefinitionDiff.Kind.REMOVED, "b", 2, 0),
                        new DefinitionDiff.Line(DefinitionDiff.Kind.ADDED, "x", 0, 2),
                        new DefinitionDiff.Line(DefinitionDiff.Kind.SAME, "c", 3, 3),
                        new DefinitionDiff.Line(DefinitionDiff.Kind.ADDED, "d", 0, 4));
    }

    static ServerTools tools() {
        JsonNode write = json("{\"name\":\"write_file\",\"description\":\"Write.\"}");
        JsonNode poison = json("{\"name\":\"send\",\"description\":\"exfiltrate it\"}");
        JsonNode gone = json("{\"name\":\"delete_file\",\"description\":\"Delete.\"}");
        return new ServerTools(
                "s1",
                ServerStatus.APPROVED,
                List.of(
                        new DiscoveredTool("read_file", "sha256:new", ToolPinState.CHANGED, READ_NEW, List.of()),
                        new DiscoveredTool("write_file", "sha256:w", ToolPinState.PINNED, write, List.of()),
                        new DiscoveredTool(
                                "send",
                                "sha256:p",
                                ToolPinState.NEW,
                                poison,
                                List.of(new ToolFinding("EXFILTRATION_REQUEST", "HIGH", "BLOCK", "/description"))),
                        new DiscoveredTool(
                                "list_dir",
                                "sha256:l",
                                ToolPinState.NEW,
                                json("{\"name\":\"list_dir\"}"),
                                List.of(new ToolFinding("URL_IN_DESCRIPTION", "LOW", "FLAG", "/description")))),
                List.of(
                        new PinnedTool("read_file", "sha256:old", READ_OLD, Instant.EPOCH, "u1"),
                        new PinnedTool("write_file", "sha256:w", write, Instant.EPOCH, "u1"),
                        new PinnedTool("delete_file", "sha256:d", gone, Instant.EPOCH, "u1")),
                null,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void toolReviewPairsDiscoveredWithPinnedAndKnowsWhatMayBeApproved() {
        ToolReview review = ToolReview.of(tools());

        assertThat(review.rows())
                .extracting(ToolReview.Row::name, ToolReview.Row::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("read_file", ToolReview.State.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("write_file", ToolReview.State.PINNED),
                        org.assertj.core.groups.Tuple.tuple("send", ToolReview.State.NEW),
                        org.assertj.core.groups.Tuple.tuple("list_dir", ToolReview.State.NEW),
                        org.assertj.core.groups.Tuple.tuple("delete_file", ToolReview.State.REMOVED));
        ToolReview.Row send = review.rows().get(2);
        assertThat(send.blocked()).isTrue();
        assertThat(send.approvable()).isFalse();
        assertThat(send.findingLines()).containsExactly("HIGH BLOCK EXFILTRATION_REQUEST at /description");
        assertThat(review.rows().get(3).blocked()).isFalse();
        assertThat(review.rows().get(0).diff().changedFields()).containsExactly("description", "inputSchema");
        assertThat(review.defaultSelection()).containsExactly("read_file", "write_file", "list_dir");
        assertThat(review.pendingChanges()).isTrue();

        // a blocked or removed tool never reaches the request, even when selected
        assertThat(review.approval(Set.of("read_file", "send", "delete_file")))
                .containsExactly(new ToolPinRef("read_file", "sha256:new"));
        assertThat(review.approval(review.defaultSelection()))
                .containsExactly(
                        new ToolPinRef("read_file", "sha256:new"),
                        new ToolPinRef("write_file", "sha256:w"),
                        new ToolPinRef("list_dir", "sha256:l"));
    }

    @Test
    void toolReviewSaysWhatApprovingDoes() {
        ToolReview review = ToolReview.of(tools());
        assertThat(review.effects(Set.of("read_file", "write_file", "list_dir")))
                .containsExactly(
                        "Pin new: list_dir",
                        "Accept the changed definition of: read_file",
                        "Unpin (the data planes hide them): delete_file",
                        "Stay hidden, not approved: send");
        assertThat(review.effects(Set.of("list_dir")))
                .containsExactly(
                        "Pin new: list_dir",
                        "Unpin (the data planes hide them): write_file, delete_file",
                        "Stay hidden, not approved: read_file, send");
        ServerTools clean = new ServerTools("s1", ServerStatus.PENDING, List.of(), List.of(), null, null, null);
        assertThat(ToolReview.of(clean).effects(Set.of())).containsExactly("No change: the pins already match.");
        assertThat(ToolReview.of(clean).pendingChanges()).isFalse();
    }

    @Test
    void simulationLinesExplainTheDecision() {
        PolicySimulation deny = new PolicySimulation(
                false,
                Effect.DENY,
                "p1:r1",
                "POLICY_RULE_DENY",
                "rule r1 of policy 'no deletes' denies",
                List.of("groups contains contractors", "tool matches delete_*"),
                new PolicySimulation.ShadowDecision("p2:r9", Effect.DENY, "POLICY_SHADOW_DENY", List.of("tool")),
                Effect.ALLOW,
                3);
        assertThat(SimulateDialog.decision(deny)).isEqualTo("DENY");
        assertThat(SimulateDialog.lines(deny))
                .containsExactly(
                        "Rule: p1:r1",
                        "Reason: POLICY_RULE_DENY",
                        "Why: rule r1 of policy 'no deletes' denies",
                        "Matched conditions: groups contains contractors; tool matches delete_*",
                        "Shadow decision (logged, not enforced): deny by rule p2:r9 (POLICY_SHADOW_DENY), matched tool",
                        "Tenant default when no rule matches: allow · decided from 3 enabled rules");
        PolicySimulation allow = new PolicySimulation(
                true, Effect.ALLOW, "default", "POLICY_DEFAULT_ALLOW", null, null, null, Effect.ALLOW, 0);
        assertThat(SimulateDialog.decision(allow)).isEqualTo("ALLOW");
        assertThat(SimulateDialog.lines(allow))
                .contains("Matched conditions: none (no rule matched)", "Shadow decisions: none");
    }

    @Test
    void redactionTestOutputAndFindings() {
        RedactionTestResult masked = new RedactionTestResult(
                "Contact [REDACTED:email]",
                null,
                false,
                List.of(new RedactionFinding("r1", "email", "", false, RedactionAction.MASK)));
        assertThat(RedactionTestDialog.verdict(masked)).isEqualTo("1 finding redacted");
        assertThat(RedactionTestDialog.output(masked)).isEqualTo("Contact [REDACTED:email]");
        assertThat(RedactionTestDialog.where(masked.findings().getFirst())).isEqualTo("(text)");

        RedactionTestResult blocked = new RedactionTestResult(
                null,
                json("{\"a\":\"x\"}"),
                true,
                List.of(
                        new RedactionFinding("r2", "jwt", "/a", false, RedactionAction.BLOCK),
                        new RedactionFinding("r2", "email", "/b", true, RedactionAction.BLOCK)));
        assertThat(RedactionTestDialog.verdict(blocked)).startsWith("BLOCKED: a block rule matched (2 findings)");
        assertThat(RedactionTestDialog.output(blocked)).contains("\"a\" : \"x\"");
        assertThat(RedactionTestDialog.where(blocked.findings().get(1))).isEqualTo("/b (member name)");
        assertThat(RedactionTestDialog.verdict(new RedactionTestResult("x", null, false, List.of())))
                .isEqualTo("Nothing matched; the sample passes unchanged");
    }

    @Test
    void ruleSummaryListsRulesInOrderWithModeAndConditions() {
        Policy policy = new Policy(
                "p1",
                "office hours",
                null,
                10,
                PolicyMode.SHADOW,
                true,
                List.of(
                        new PolicyRule(
                                "r1",
                                "no deletes",
                                new RuleSubjects(null, List.of("contractors"), null, Map.of("dept", "fin")),
                                new RuleTargets(List.of("s1"), List.of("delete_*"), null),
                                new RuleConditions(
                                        null,
                                        List.of("10.0.0.0/8"),
                                        new TimeWindow(List.of("mon", "fri"), "09:00", "18:00", "UTC"),
                                        null),
                                Effect.DENY),
                        new PolicyRule("r2", null, null, null, null, Effect.ALLOW)),
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        assertThat(RuleSummary.effects(policy.rules())).isEqualTo("deny → allow");
        assertThat(RuleSummary.lines(policy))
                .containsExactly(
                        "#1 deny [shadow] \"no deletes\" (p1:r1): groups contractors; claims dept=fin; 1 server(s);"
                                + " tools delete_*; from 10.0.0.0/8; time mon,fri 09:00–18:00 UTC",
                        "#2 allow [shadow] (p1:r2): every call");
        assertThat(RuleSummary.effects(List.of())).isEqualTo("none");
    }
}
