package dev.pillarbox.smtp.milter;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of option negotiation (SMFIC_OPTNEG) with one filter: the protocol version it speaks, the actions it
 * may take, the protocol options it chose, and the macro lists it asked for per stage. Immutable.
 */
public final class Negotiation {

    /** The protocol version this library speaks: 6, that of Sendmail 8.14 and Postfix 2.6 onwards. */
    public static final int VERSION = 6;

    private final int version;
    private final Set<Action> actions;
    private final Set<ProtocolOption> options;
    private final Map<MacroStage, List<String>> macros;

    private Negotiation(int version, Set<Action> actions, Set<ProtocolOption> options,
            Map<MacroStage, List<String>> macros) {
        this.version = version;
        this.actions = Collections.unmodifiableSet(EnumSet.copyOf(actions.isEmpty()
                ? EnumSet.noneOf(Action.class) : actions));
        this.options = Collections.unmodifiableSet(options.isEmpty()
                ? EnumSet.noneOf(ProtocolOption.class) : EnumSet.copyOf(options));
        this.macros = Collections.unmodifiableMap(macros.isEmpty()
                ? new EnumMap<>(MacroStage.class) : new EnumMap<>(macros));
    }

    /** A negotiation outcome, e.g. for tests. */
    public static Negotiation of(int version, Set<Action> actions, Set<ProtocolOption> options,
            Map<MacroStage, List<String>> macros) {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(macros, "macros");
        return new Negotiation(version, actions, options, macros);
    }

    /** The MTA's offer: version 6 with {@code actions} and {@code options}. */
    static MilterPacket offer(Set<Action> actions, Set<ProtocolOption> options) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.putInt(VERSION).putInt(Action.mask(actions)).putInt(ProtocolOption.mask(options));
        return MilterPacket.of(Smfic.OPTNEG.code(), b.array());
    }

    /**
     * Reads a filter's negotiation reply and checks it against the offer, as Postfix's {@code milter8_connect}
     * does: the version must be 2 to 6, the actions a subset of those offered. Protocol options the MTA did not
     * offer are dropped (libmilter refuses to ask for them; nothing is sent that the filter could rely on).
     * Macro lists for stages the protocol does not define are ignored.
     *
     * @throws MilterProtocolException naming what does not fit
     */
    static Negotiation parseReply(MilterPacket reply, Set<Action> offeredActions,
            Set<ProtocolOption> offeredOptions) throws MilterProtocolException {
        if (reply.command() != Smfic.OPTNEG.code()) {
            throw new MilterProtocolException("unexpected " + Smfir.describe(reply.command())
                    + " in the initial handshake (expected SMFIC_OPTNEG)");
        }
        PayloadReader r = new PayloadReader(reply.data(), "the SMFIC_OPTNEG reply");
        long version = r.readUnsignedInt();
        long actionMask = r.readUnsignedInt();
        long optionMask = r.readUnsignedInt();
        if (version > VERSION) {
            throw new MilterProtocolException("protocol version " + version + " conflicts with the MTA's version "
                    + VERSION);
        }
        if (version < 2) {
            throw new MilterProtocolException("unexpected protocol version " + version);
        }
        int offeredActionMask = Action.mask(offeredActions);
        if ((actionMask & ~offeredActionMask) != 0) {
            throw new MilterProtocolException(String.format(
                    "request mask 0x%x conflicts with the MTA's request mask 0x%x", actionMask, offeredActionMask));
        }
        Set<ProtocolOption> options = ProtocolOption.fromMask((int) optionMask);
        options.retainAll(offeredOptions);
        Map<MacroStage, List<String>> macros = new EnumMap<>(MacroStage.class);
        while (r.hasMore()) {
            long stageNumber = r.readUnsignedInt();
            String names = r.readString();
            MacroStage stage = MacroStage.ofSmfim(stageNumber);
            if (stage != null) {
                macros.put(stage, List.copyOf(MacroConfig.split(names)));
            }
        }
        return new Negotiation((int) version, Action.fromMask((int) actionMask), options, macros);
    }

    /** The filter's protocol version, 2 to 6. */
    public int version() {
        return version;
    }

    /** The actions the filter may take. */
    public Set<Action> actions() {
        return actions;
    }

    /** The protocol options the filter chose (and the MTA offered). */
    public Set<ProtocolOption> options() {
        return options;
    }

    /** True when the filter chose {@code option}. */
    public boolean has(ProtocolOption option) {
        return options.contains(option);
    }

    /** True when the filter may take {@code action}. */
    public boolean allows(Action action) {
        return actions.contains(action);
    }

    /** The macro lists the filter asked for, by stage (SMFIF_SETSYMLIST); stages it did not name are absent. */
    public Map<MacroStage, List<String>> macros() {
        return macros;
    }

    /**
     * True when the filter's protocol version defines {@code event}: SMFIC_UNKNOWN came with version 3 and
     * SMFIC_DATA with version 4 (Postfix's {@code np_mask}).
     */
    boolean defines(Smfic event) {
        if (event == Smfic.UNKNOWN) {
            return version >= 3;
        }
        if (event == Smfic.DATA) {
            return version >= 4;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Negotiation)) {
            return false;
        }
        Negotiation n = (Negotiation) o;
        return version == n.version && actions.equals(n.actions) && options.equals(n.options)
                && macros.equals(n.macros);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, actions, options, macros);
    }

    @Override
    public String toString() {
        return "version " + version + ", actions " + actions + ", options " + options
                + (macros.isEmpty() ? "" : ", macros " + macros);
    }
}
