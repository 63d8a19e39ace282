package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.DeliveryTarget;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delivery targets a server delivers to, resolved once at start-up from what the modules provide (targets by
 * name, or one bound {@link MessageStore}) and what the settings pick: required targets first in the configured
 * order, then the optional ones. At least one target is required, so that a {@code 250} always means a commit.
 */
final class DeliveryTargets {

    /** A picked target with its name. */
    record Target(String name, DeliveryTarget target, boolean required) {
    }

    private final List<Target> targets;

    private DeliveryTargets(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    /**
     * Resolves {@code chosen} among {@code provided} (and {@code store}, known as {@value MessageStore#TARGET_NAME},
     * when bound). With nothing chosen, the one provided target is required; several need a choice.
     *
     * @throws IllegalStateException naming what is wrong: no target at all, an unknown name, a name picked twice,
     *     a choice needed, no required target
     */
    static DeliveryTargets resolve(Map<String, DeliveryTarget> provided, MessageStore store,
            List<DeliveryTargetChoice> chosen) {
        Map<String, DeliveryTarget> all = new LinkedHashMap<>(provided);
        if (store != null && all.putIfAbsent(MessageStore.TARGET_NAME, store) != null) {
            throw new IllegalStateException("a MessageStore is bound and a plugin provides a delivery target named \""
                    + MessageStore.TARGET_NAME + "\" too: rename the target");
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no delivery target is bound: install a store module"
                    + " (e.g. MaildirStoreModule), bind(MessageStore.class) or provide one with"
                    + " SmtpBinder.deliveryTarget in one of the modules");
        }
        List<DeliveryTargetChoice> choices = chosen;
        if (choices.isEmpty()) {
            if (all.size() > 1) {
                throw new IllegalStateException("several delivery targets are provided (" + names(all)
                        + "): the settings must pick the ones to deliver to");
            }
            choices = List.of(DeliveryTargetChoice.required(all.keySet().iterator().next()));
        }
        List<Target> required = new ArrayList<>();
        List<Target> optional = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (DeliveryTargetChoice choice : choices) {
            DeliveryTarget target = all.get(choice.name());
            if (target == null) {
                throw new IllegalStateException("unknown delivery target \"" + choice.name() + "\"; provided: "
                        + names(all));
            }
            if (!seen.add(choice.name())) {
                throw new IllegalStateException("delivery target \"" + choice.name() + "\" is picked twice");
            }
            (choice.required() ? required : optional).add(new Target(choice.name(), target, choice.required()));
        }
        if (required.isEmpty()) {
            throw new IllegalStateException("no required delivery target among " + choices
                    + ": a 250 must mean that a target committed the message");
        }
        required.addAll(optional);
        return new DeliveryTargets(required);
    }

    private static String names(Map<String, DeliveryTarget> all) {
        return String.join(", ", new TreeSet<>(all.keySet()));
    }

    /** Required targets in order, then the optional ones. */
    List<Target> targets() {
        return targets;
    }

    /** The names of the required targets that say they cannot take messages now. */
    List<String> notReady() {
        List<String> out = new ArrayList<>();
        for (Target target : targets) {
            if (target.required() && !target.target().ready()) {
                out.add(target.name());
            }
        }
        return out;
    }
}
