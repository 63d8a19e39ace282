package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Keeps the arrows of the module diagram in docs/architecture.md true by reading the module POMs (the parent's
 * module list, then each {@code ../<module>/pom.xml}) with the JDK's DOM parser. Runs with smtp-core as working directory.
 */
class ModuleDependencyTest {

    private static final String GROUP = "dev.pillarbox";
    private static final Path ROOT = Path.of("..");

    /**
     * The internal dependencies the module diagram allows: module -> (dependency -> allowed only in test scope?).
     * core <- codec, core <- milter, core <- plugins-api, codec <- server, plugins-api <- server,
     * plugins-api and server (test scope) <- plugins-examples, codec and milter <- benchmarks.
     */
    private static final Map<String, Map<String, Boolean>> ALLOWED = Map.of(
            "smtp-core", Map.of(),
            "smtp-codec", Map.of("smtp-core", false),
            "smtp-milter", Map.of("smtp-core", false),
            "smtp-plugins-api", Map.of("smtp-core", false),
            "smtp-server", Map.of("smtp-codec", false, "smtp-plugins-api", false),
            "smtp-plugins-examples", Map.of("smtp-plugins-api", false, "smtp-server", true),
            "smtp-benchmarks", Map.of("smtp-codec", false, "smtp-milter", false));

    /** One {@code <dependency>} of a POM; scope "compile" when not given. */
    record Dependency(String groupId, String artifactId, String scope) {

        boolean isTest() {
            return scope.equals("test");
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + " (" + scope + ")";
        }
    }

    private static List<String> modules;
    private static Map<String, List<Dependency>> dependencies;

    @BeforeAll
    static void readPoms() throws Exception {
        Element parent = parse(ROOT.resolve("pom.xml"));
        modules = new ArrayList<>();
        for (Element m : children(child(parent, "modules"), "module")) {
            modules.add(m.getTextContent().trim());
        }
        dependencies = new LinkedHashMap<>();
        for (String module : modules) {
            dependencies.put(module, dependenciesOf(parse(ROOT.resolve(module).resolve("pom.xml"))));
        }
    }

    @Test
    void parentListsTheModulesOfTheDiagram() {
        assertThat(modules).containsAll(ALLOWED.keySet());
    }

    @Test
    void smtpCoreHasNoDependencyOutsideTestScope() throws Exception {
        assertThat(dependencies.get("smtp-core")).allSatisfy(d ->
                assertThat(d.isTest()).as("smtp-core must have no non-test dependency, found %s", d).isTrue());
        // the parent's <dependencies> are inherited by smtp-core too
        assertThat(dependenciesOf(parse(ROOT.resolve("pom.xml")))).allSatisfy(d ->
                assertThat(d.isTest()).as("the parent pom gives every module %s", d).isTrue());
    }

    @Test
    void smtpCodecDependsOnSmtpCoreOnly() {
        assertThat(dependencies.get("smtp-codec").stream().filter(d -> !d.isTest()).map(Dependency::toString))
                .as("smtp-codec's non-test dependencies")
                .containsExactly(GROUP + ":smtp-core (compile)");
    }

    @Test
    void smtpMilterDependsOnSmtpCoreAndTheSlf4jApiOnly() {
        assertThat(dependencies.get("smtp-milter").stream().filter(d -> !d.isTest()).map(Dependency::toString))
                .as("smtp-milter's non-test dependencies")
                .containsExactlyInAnyOrder(GROUP + ":smtp-core (compile)", "org.slf4j:slf4j-api (compile)");
    }

    @Test
    void noArrowOfTheDiagramIsReversed() {
        assertThat(violations(dependencies)).isEmpty();
    }

    @Test
    void aReversedArrowIsReportedNamingBothModules() {
        Map<String, List<Dependency>> reversed = Map.of(
                "smtp-core", List.of(new Dependency(GROUP, "smtp-codec", "compile")),
                "smtp-codec", List.of(new Dependency(GROUP, "smtp-server", "test")),
                "smtp-plugins-examples", List.of(new Dependency(GROUP, "smtp-server", "compile")),
                "smtp-server", List.of(new Dependency(GROUP, "smtp-core", "compile"),
                        new Dependency("org.slf4j", "slf4j-api", "compile")));

        assertThat(violations(reversed)).containsExactlyInAnyOrder(
                "smtp-core must not depend on smtp-codec (compile scope): not an arrow of the module diagram",
                "smtp-codec must not depend on smtp-server (test scope): not an arrow of the module diagram",
                "smtp-plugins-examples may depend on smtp-server in test scope only, not compile scope",
                "smtp-server must not depend on smtp-core (compile scope): not an arrow of the module diagram");
    }

    /** Every internal dependency that the module diagram does not allow, as a message naming both modules. */
    static List<String> violations(Map<String, List<Dependency>> deps) {
        Set<String> internal = ALLOWED.keySet();
        List<String> messages = new ArrayList<>();
        deps.forEach((module, list) -> {
            for (Dependency d : list) {
                if (!d.groupId().equals(GROUP) || !internal.contains(d.artifactId())) {
                    continue;
                }
                Boolean testOnly = ALLOWED.getOrDefault(module, Map.of()).get(d.artifactId());
                if (testOnly == null) {
                    messages.add(module + " must not depend on " + d.artifactId() + " (" + d.scope()
                            + " scope): not an arrow of the module diagram");
                } else if (testOnly && !d.isTest()) {
                    messages.add(module + " may depend on " + d.artifactId() + " in test scope only, not "
                            + d.scope() + " scope");
                }
            }
        });
        return messages;
    }

    private static List<Dependency> dependenciesOf(Element project) {
        List<Dependency> list = new ArrayList<>();
        Element deps = child(project, "dependencies");
        if (deps == null) {
            return list;
        }
        for (Element d : children(deps, "dependency")) {
            String groupId = text(d, "groupId", "");
            if (groupId.equals("${project.groupId}")) {
                groupId = GROUP;
            }
            list.add(new Dependency(groupId, text(d, "artifactId", ""), text(d, "scope", "compile")));
        }
        return list;
    }

    private static Element parse(Path pom) throws IOException, ParserConfigurationException, SAXException {
        assertThat(pom).as("POM of a module listed in ../pom.xml").isRegularFile();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        DocumentBuilder builder = factory.newDocumentBuilder();
        try (var in = Files.newInputStream(pom)) {
            return builder.parse(in).getDocumentElement();
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    // Direct children only: <dependencies> inside <dependencyManagement> or <plugin> are not the module's own.
    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                list.add((Element) n);
            }
        }
        return list;
    }

    private static String text(Element parent, String name, String fallback) {
        Element e = child(parent, name);
        return e == null ? fallback : e.getTextContent().trim();
    }
}
