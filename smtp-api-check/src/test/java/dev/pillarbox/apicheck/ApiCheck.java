package dev.pillarbox.apicheck;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.filter.JavadocLikePackageFilter;
import japicmp.model.AccessModifier;
import japicmp.model.JApiBehavior;
import japicmp.model.JApiChangeStatus;
import japicmp.model.JApiClass;
import japicmp.model.JApiCompatibilityChange;
import japicmp.model.JApiField;
import japicmp.model.JApiParameter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API check: the binary-incompatible changes between a released jar and the current classes of one package
 * (japicmp), and which of them CHANGELOG.md's Unreleased section does not record.
 */
final class ApiCheck {

    /**
     * One binary-incompatible change. {@code element} is how CHANGELOG.md must name it: the fully qualified class
     * name for a change to the class itself, {@code SimpleName#member} for a method, constructor or field.
     */
    record Break(String element, String changes) {
        @Override
        public String toString() {
            return element + " (" + changes + ")";
        }
    }

    private ApiCheck() {
    }

    /** The binary-incompatible changes of {@code apiPackage}'s public and protected types from old to new. */
    static List<Break> binaryBreaks(Path oldJar, Path newJar, String apiPackage) {
        JarArchiveComparatorOptions options = new JarArchiveComparatorOptions();
        options.setAccessModifier(AccessModifier.PROTECTED);
        options.getFilters().getIncludes().add(new JavadocLikePackageFilter(apiPackage, false));
        // supertypes from other modules (core, Guice) are not in the jars: they are the same on both sides
        options.getIgnoreMissingClasses().setIgnoreAllMissingClasses(true);
        List<JApiClass> classes = new JarArchiveComparator(options)
                .compare(new JApiCmpArchive(oldJar.toFile(), "baseline"), new JApiCmpArchive(newJar.toFile(), "now"));
        List<Break> breaks = new ArrayList<>();
        for (JApiClass type : classes) {
            if (type.isBinaryCompatible()) {
                continue;
            }
            String simple = type.getFullyQualifiedName().substring(type.getFullyQualifiedName().lastIndexOf('.') + 1);
            if (type.getChangeStatus() == JApiChangeStatus.REMOVED) {
                breaks.add(new Break(type.getFullyQualifiedName(), "class removed"));
                continue;
            }
            List<JApiCompatibilityChange> own = incompatible(type.getCompatibilityChanges());
            if (!own.isEmpty()) {
                breaks.add(new Break(type.getFullyQualifiedName(), names(own)));
            }
            List<JApiBehavior> behaviors = new ArrayList<>(type.getMethods());
            behaviors.addAll(type.getConstructors());
            for (JApiBehavior behavior : behaviors) {
                List<JApiCompatibilityChange> changes = incompatible(behavior.getCompatibilityChanges());
                if (!changes.isEmpty()) {
                    String parameters = behavior.getParameters().stream().map(JApiParameter::getType)
                            .map(t -> t.substring(t.lastIndexOf('.') + 1)).collect(Collectors.joining(", "));
                    breaks.add(new Break(simple + "#" + behavior.getName() + "(" + parameters + ")", names(changes)));
                }
            }
            for (JApiField field : type.getFields()) {
                List<JApiCompatibilityChange> changes = incompatible(field.getCompatibilityChanges());
                if (!changes.isEmpty()) {
                    breaks.add(new Break(simple + "#" + field.getName(), names(changes)));
                }
            }
        }
        return breaks;
    }

    /**
     * The breaks that {@code changelog}'s Unreleased section does not name. A member counts as named by
     * {@code SimpleName#member} (without the parameters), a class by its fully qualified name.
     */
    static List<Break> unrecorded(List<Break> breaks, String changelog) {
        String unreleased = unreleased(changelog);
        return breaks.stream().filter(b -> !unreleased.contains(recordedName(b))).collect(Collectors.toList());
    }

    static String recordedName(Break b) {
        int parameters = b.element().indexOf('(');
        return parameters < 0 ? b.element() : b.element().substring(0, parameters);
    }

    /** The text of the {@code ## [Unreleased]} section, up to the next {@code ## } heading. */
    static String unreleased(String changelog) {
        int start = changelog.indexOf("## [Unreleased]");
        if (start < 0) {
            throw new IllegalArgumentException("CHANGELOG.md has no '## [Unreleased]' section");
        }
        int end = changelog.indexOf("\n## ", start + 1);
        return end < 0 ? changelog.substring(start) : changelog.substring(start, end);
    }

    /** Jars a directory of class files, as the build would, so that japicmp reads both sides the same way. */
    static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<JApiCompatibilityChange> incompatible(List<JApiCompatibilityChange> changes) {
        return changes.stream().filter(c -> !c.isBinaryCompatible()).collect(Collectors.toList());
    }

    private static String names(List<JApiCompatibilityChange> changes) {
        return changes.stream().map(c -> c.getType().name()).distinct().collect(Collectors.joining(", "));
    }
}
