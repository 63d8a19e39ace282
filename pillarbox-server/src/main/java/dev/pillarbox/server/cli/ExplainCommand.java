package dev.pillarbox.server.cli;

import dev.pillarbox.smtp.core.ReplyCode;
import dev.pillarbox.smtp.core.ReplyCodeCatalog;
import dev.pillarbox.smtp.core.ReplyCodeComparison;
import dev.pillarbox.smtp.core.ReplyCodeInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain CODE [CODE]}: what a reply code means, when a client sees it and how to fix its cause, from
 * the smtp-core {@link ReplyCodeCatalog}; with two codes, both side by side ({@link ReplyCodeComparison}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Explain an SMTP reply code, or compare two side by side.", "",
                "Example: explain 354 500"})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "A three-digit reply code, e.g. 550.")
    private String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CODE", description = "A second code to compare with.")
    private String second;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ReplyCode> parsed = new ArrayList<>();
        List<String> codes = second == null ? List.of(first) : List.of(first, second);
        for (String text : codes) {
            try {
                parsed.add(ReplyCode.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("explain: " + e.getMessage()
                        + " (use a reply code such as 250, 354 or 550)");
                return Main.USAGE_ERROR;
            }
        }
        if (parsed.size() == 1) {
            out.print(explain(parsed.get(0)));
        } else {
            out.print(ReplyCodeComparison.of(parsed.get(0), parsed.get(1)).render());
        }
        out.flush();
        return 0;
    }

    /** The catalog entry, or for a well-formed code the catalog does not list, what its digits say. */
    static String explain(ReplyCode code) {
        Optional<ReplyCodeInfo> info = ReplyCodeCatalog.lookup(code);
        if (info.isPresent()) {
            return info.get().render();
        }
        return code + " " + ReplyCodeComparison.NOT_IN_CATALOG + "\n"
                + "  Category:   " + code.category().label() + "\n"
                + "  Subject:    " + code.subject().label() + "\n"
                + "  No RFC this catalog covers defines it; read the text after the code.\n";
    }
}
