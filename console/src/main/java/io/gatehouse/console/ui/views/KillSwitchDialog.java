package io.gatehouse.console.ui.views;

import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.EditorDialog;
import io.gatehouse.console.ui.forms.KillSwitchForm;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.Gatehouse;
import java.util.List;

/** The one-click emergency stop: confirm the target, give a reason, engage. */
final class KillSwitchDialog {
    private KillSwitchDialog() {}

    static void open(
            Gatehouse client, KillSwitchScope scope, String serverId, String tool, String what, Runnable engaged) {
        List<Server> servers = serverId == null
                ? List.of()
                : ApiCalls.call(() -> client.servers().get(serverId))
                        .map(List::of)
                        .orElse(List.of());
        Server fixed = servers.isEmpty() ? null : servers.getFirst();
        KillSwitchForm form = new KillSwitchForm(servers, scope, fixed, tool);
        new EditorDialog<KillSwitchRequest, KillSwitch>(
                        "Stop " + what + "?", "Engage kill switch", form, client.killSwitches()::create, ks -> {
                            ApiCalls.success("Kill switch engaged: " + what);
                            engaged.run();
                        })
                .open();
    }
}
