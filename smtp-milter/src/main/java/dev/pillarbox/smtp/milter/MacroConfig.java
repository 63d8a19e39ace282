package dev.pillarbox.smtp.milter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which macros the MTA sends at each {@link MacroStage}. Immutable. The defaults are Postfix's; a filter may ask
 * for other names per stage in its negotiation reply (SMFIF_SETSYMLIST), which then replace these for that
 * filter. A name is either one character ({@code j}, {@code i}) or braced ({@code {daemon_name}}), and is sent as
 * written here.
 */
public final class MacroConfig {

    private static final MacroConfig POSTFIX_DEFAULTS;

    static {
        Map<MacroStage, List<String>> map = new EnumMap<>(MacroStage.class);
        for (MacroStage s : MacroStage.values()) {
            map.put(s, s.postfixDefaults());
        }
        POSTFIX_DEFAULTS = new MacroConfig(map);
    }

    private final Map<MacroStage, List<String>> names;

    private MacroConfig(Map<MacroStage, List<String>> names) {
        this.names = names;
    }

    /** Postfix's defaults ({@code postconf -d | grep _macros}). */
    public static MacroConfig postfixDefaults() {
        return POSTFIX_DEFAULTS;
    }

    /** No macros at any stage. */
    public static MacroConfig none() {
        Map<MacroStage, List<String>> map = new EnumMap<>(MacroStage.class);
        for (MacroStage s : MacroStage.values()) {
            map.put(s, List.of());
        }
        return new MacroConfig(map);
    }

    /**
     * This configuration with {@code stage}'s names replaced.
     *
     * @throws IllegalArgumentException if a name is not one character or a braced name
     */
    public MacroConfig with(MacroStage stage, List<String> stageNames) {
        Objects.requireNonNull(stage, "stage");
        List<String> checked = new ArrayList<>(stageNames.size());
        for (String name : stageNames) {
            checked.add(checkName(name));
        }
        Map<MacroStage, List<String>> map = new EnumMap<>(names);
        map.put(stage, List.copyOf(checked));
        return new MacroConfig(map);
    }

    /** This configuration with {@code stage}'s names given as one string, e.g. {@code "i {auth_authen}"}. */
    public MacroConfig with(MacroStage stage, String stageNames) {
        return with(stage, split(stageNames));
    }

    /** The names sent at {@code stage}. */
    public List<String> names(MacroStage stage) {
        return names.get(stage);
    }

    /** Splits a macro list at spaces and commas, as Postfix's parameters and a filter's SMFIF_SETSYMLIST do. */
    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split("[\\s,]+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /**
     * The braced form under which a {@link MacroLookup} is asked: {@code j} becomes {@code {j}}.
     */
    static String canonical(String name) {
        return name.startsWith("{") ? name : "{" + name + "}";
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "macro name");
        boolean braced = name.length() > 2 && name.startsWith("{") && name.endsWith("}")
                && name.indexOf('{', 1) < 0 && name.indexOf('}') == name.length() - 1;
        boolean single = name.length() == 1 && name.charAt(0) > ' ' && name.charAt(0) < 127
                && name.charAt(0) != '{' && name.charAt(0) != '}';
        if (!braced && !single) {
            throw new IllegalArgumentException("macro name \"" + name
                    + "\" is neither one character (j) nor a braced name ({daemon_name})");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new IllegalArgumentException("macro name \"" + name + "\" contains a space or non-ASCII character");
            }
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacroConfig && ((MacroConfig) o).names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
