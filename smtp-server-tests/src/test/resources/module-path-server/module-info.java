/**
 * A program that runs the server from the module path: it requires the engine and the client, nothing else;
 * the extensions module is on the module path but required by no one, so only service binding (the engine's
 * {@code uses SmtpPlugin}, the extensions' {@code provides}) brings it in.
 */
module dev.pillarbox.example.modulepath {
    requires dev.pillarbox.smtp.server;
    requires dev.pillarbox.smtp.client;
}
