package dev.pillarbox.smtp.server.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.CommandHandler;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STYLE item 9: one small, package-private class per verb with a package-private constructor and final fields. */
class VerbHandlersShapeTest {

    @ParameterizedTest
    @ValueSource(classes = {HeloHandler.class, EhloHandler.class, MailHandler.class, RcptHandler.class,
            DataHandler.class, RsetHandler.class, NoopHandler.class, QuitHandler.class, VrfyHandler.class,
            ExpnHandler.class, HelpHandler.class, UnknownVerbHandler.class})
    void handlerIsSmallAndHidden(Class<?> type) throws IOException {
        assertThat(CommandHandler.class).isAssignableFrom(type);
        assertThat(Modifier.isPublic(type.getModifiers())).as("public class").isFalse();
        assertThat(Modifier.isFinal(type.getModifiers())).as("final class").isTrue();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            int modifiers = constructor.getModifiers();
            assertThat(Modifier.isPublic(modifiers) || Modifier.isPrivate(modifiers)).as("constructor").isFalse();
        }
        for (var field : type.getDeclaredFields()) {
            assertThat(Modifier.isFinal(field.getModifiers())).as(field.getName() + " is final").isTrue();
        }
        Path source = Path.of("src/main/java/dev/pillarbox/smtp/server/verbs", type.getSimpleName() + ".java");
        List<String> lines = Files.readAllLines(source);
        assertThat(lines.size()).as(source + " lines").isLessThan(150);
    }
}
