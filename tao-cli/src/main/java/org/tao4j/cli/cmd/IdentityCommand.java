package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Identity;
import org.tao4j.client.model.Subnet;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.keys.Identities;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tao wallet set-identity} and {@code tao subnet set-identity} (docs/spec/chain.md §12). */
public final class IdentityCommand {

    private IdentityCommand() {}

    /** The six fields as options; a field not given keeps its current value. */
    public static final class Fields {
        @Option(names = "--name", paramLabel = "TEXT", description = "Display name (at most 64 bytes).")
        String name;

        @Option(names = "--url", paramLabel = "URL", description = "Web site (at most 256 bytes).")
        String url;

        @Option(names = "--github", paramLabel = "REPO", description = "GitHub user or repository (at most 256 bytes).")
        String github;

        @Option(names = "--image", paramLabel = "URL", description = "Image or logo URL (at most 256 bytes).")
        String image;

        @Option(names = "--discord", paramLabel = "HANDLE", description = "Discord handle (at most 256 bytes).")
        String discord;

        @Option(
                names = "--description",
                paramLabel = "TEXT",
                description = "One-line description (at most 1024 bytes).")
        String description;

        @Option(names = "--clear", description = "Remove the identity (no identity fee).")
        boolean clear;

        /** The identity to submit, from the current one and the options; refuses bad input before signing. */
        Call.Identity resolve(Identity current) {
            boolean anyField = name != null
                    || url != null
                    || github != null
                    || image != null
                    || discord != null
                    || description != null;
            if (clear) {
                if (anyField) {
                    throw new UserError("--clear takes no field options; nothing was submitted");
                }
                if (current == null) {
                    throw new UserError("there is no identity to clear; nothing was submitted");
                }
                return Call.Identity.EMPTY;
            }
            if (!anyField) {
                throw new UserError("give at least one of --name, --url, --github, --image, --discord, "
                        + "--description (or --clear)");
            }
            Identity c = current == null ? new Identity("", "", "", "", "", "") : current;
            Call.Identity id;
            try {
                id = new Call.Identity(
                        pick(name, c.name()),
                        pick(url, c.url()),
                        pick(github, c.github()),
                        pick(image, c.image()),
                        pick(discord, c.discord()),
                        pick(description, c.description()));
            } catch (IllegalArgumentException e) {
                throw new UserError("identity text is not valid Unicode: " + e.getMessage());
            }
            for (var f : id.fields()) {
                String why = Identities.problem(f.getKey(), f.getValue());
                if (why != null) {
                    throw new UserError("--" + why + "; nothing was submitted");
                }
            }
            if (id.isEmpty()) {
                throw new UserError("every field would be empty: use --clear to remove the identity");
            }
            return id;
        }

        private static String pick(String given, String current) {
            return given != null ? given : current;
        }
    }

    /** "name: 'a' → 'b'" for each field that changes, then the fee. */
    static List<String> effects(Ctx ctx, Identity current, Call.Identity next) {
        List<String> out = new ArrayList<>();
        Identity c = current == null ? new Identity("", "", "", "", "", "") : current;
        List<String> before = List.of(c.name(), c.url(), c.github(), c.image(), c.discord(), c.description());
        var fields = next.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (!before.get(i).equals(fields.get(i).getValue())) {
                out.add(fields.get(i).getKey() + ": " + quote(before.get(i)) + " → "
                        + quote(fields.get(i).getValue()));
            }
        }
        if (next.isEmpty()) {
            out.add("the identity is removed (no identity fee)");
        } else {
            out.add("identity fee " + ctx.amount(Identities.IDENTITY_FEE) + " (recycled)");
        }
        return out;
    }

    private static String quote(String s) {
        return s.isEmpty() ? "(none)" : "'" + s + "'";
    }

    static ObjectNode json(Ctx ctx, Call.Identity id) {
        ObjectNode o = ctx.obj();
        for (var f : id.fields()) {
            o.put(f.getKey(), f.getValue());
        }
        return o;
    }

    static void checkFee(Ctx ctx, AccountId payer, Call.Identity id) {
        if (!id.isEmpty() && ctx.client().balance(payer).free() < Identities.IDENTITY_FEE) {
            throw new UserError(
                    payer + " has " + ctx.amount(ctx.client().balance(payer).free())
                            + " free; setting an identity costs " + ctx.amount(Identities.IDENTITY_FEE)
                            + " plus the fee. Nothing was submitted");
        }
    }

    @Command(
            name = "set-identity",
            mixinStandardHelpOptions = true,
            description = "Publish the coldkey's identity (name, url, github, image, discord, description); "
                    + "0.1 TAO, recycled. Fields not given keep their value.",
            footer = {
                "",
                "Example:",
                "  tao wallet set-identity --wallet alice --name 'Alice Validation' --url https://alice.example",
                "  tao wallet set-identity --wallet alice --clear"
            })
    public static final class SetWallet extends SharedOptionsCommand {
        @Mixin
        Fields fields;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId cold = ctx.coldkeyPub();
            Identity current = ctx.client().identity(cold);
            Call.Identity id = fields.resolve(current);
            checkFee(ctx, cold, id);
            var p = ctx.prepare(ctx.coldkey(), new Call.SetIdentity(id));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    (id.isEmpty() ? "Clear the identity of " : "Set the identity of ") + cold,
                    effects(ctx, current, id));
            ObjectNode o = ctx.obj().put("address", cold.toSs58());
            o.set("identity", id.isEmpty() ? null : json(ctx, id));
            o.put("cost", id.isEmpty() ? 0 : Identities.IDENTITY_FEE);
            o.set("tx", ctx.txJson(f));
            ctx.say(id.isEmpty() ? "identity of " + cold + " cleared" : cold + " is now '" + id.name() + "'");
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "set-identity",
            mixinStandardHelpOptions = true,
            description = "Publish the subnet's identity (owner only); 0.1 TAO, recycled. Fields not given keep "
                    + "their value.",
            footer = {
                "",
                "Example:",
                "  tao subnet set-identity 1 --wallet owner --name 'Text prompting' --github org/sn1",
                "  tao subnet set-identity 1 --wallet owner --clear"
            })
    public static final class SetSubnet extends SharedOptionsCommand {
        @Mixin
        NetuidArg netuidArg;

        @Mixin
        Fields fields;

        @Override
        protected Integer run(Ctx ctx) {
            int netuid = netuidArg.get();
            if (netuid == 0) {
                throw new UserError("the root network (0) has no owner and no identity");
            }
            Subnet sn = SubnetCommand.subnet(ctx, netuid);
            AccountId cold = ctx.coldkeyPub();
            if (!cold.equals(sn.owner())) {
                throw new UserError("subnet " + netuid + " is owned by " + sn.owner() + ", not " + cold
                        + "; subnets it owns: " + SubnetCommand.owned(ctx, cold) + ". Nothing was submitted");
            }
            Identity current = ctx.client().subnetIdentity(netuid);
            Call.Identity id = fields.resolve(current);
            checkFee(ctx, cold, id);
            var p = ctx.prepare(ctx.coldkey(), new Call.SetSubnetIdentity(netuid, id));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    (id.isEmpty() ? "Clear the identity of subnet " : "Set the identity of subnet ") + netuid,
                    effects(ctx, current, id));
            ObjectNode o = ctx.obj().put("netuid", netuid);
            o.set("identity", id.isEmpty() ? null : json(ctx, id));
            o.put("cost", id.isEmpty() ? 0 : Identities.IDENTITY_FEE);
            o.set("tx", ctx.txJson(f));
            ctx.say(
                    id.isEmpty()
                            ? "identity of subnet " + netuid + " cleared"
                            : "subnet " + netuid + " is now '" + id.name() + "'");
            ctx.emit(o);
            return 0;
        }
    }
}
