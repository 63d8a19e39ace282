/**
 * What a plugin author uses: everything needed to add verbs, policy hooks, EHLO keywords, message changes and
 * delivery targets to a Pillarbox server. The server's own plumbing is in {@code dev.pillarbox.smtp.plugins.spi}, which a plugin never
 * needs.
 *
 * <h2>The map</h2>
 * <ul>
 *   <li><b>Packaging a plugin.</b> {@link dev.pillarbox.smtp.plugins.api.SmtpPlugin} (found by
 *       {@link java.util.ServiceLoader}, enabled by name) returns a Guice module configured from its
 *       {@link dev.pillarbox.smtp.plugins.api.PluginSettings} (the keys it reads declared as
 *       {@link dev.pillarbox.smtp.plugins.api.PluginSetting}s); the module binds through
 *       {@link dev.pillarbox.smtp.plugins.api.SmtpBinder} only.</li>
 *   <li><b>Verbs.</b> A {@link dev.pillarbox.smtp.plugins.api.CommandHandler} answers a command with an
 *       {@link dev.pillarbox.smtp.plugins.api.Outcome} (a reply; a reply then close; 354 then a body, completed by a
 *       {@link dev.pillarbox.smtp.plugins.api.BodyCompletion} given a
 *       {@link dev.pillarbox.smtp.plugins.api.BodyResult}; a 334 challenge whose answer goes to a
 *       {@link dev.pillarbox.smtp.plugins.api.LineHandler}; STARTTLS), is valid in the
 *       {@link dev.pillarbox.smtp.plugins.api.Phase}s it declares, and refuses with
 *       {@link dev.pillarbox.smtp.plugins.api.SmtpRejection}.</li>
 *   <li><b>Policy hooks</b>, each a {@link dev.pillarbox.smtp.plugins.api.Hook} at a named
 *       {@link dev.pillarbox.smtp.plugins.api.HookPosition}, answering a
 *       {@link dev.pillarbox.smtp.plugins.api.HookResult}: {@link dev.pillarbox.smtp.plugins.api.ConnectHook},
 *       {@link dev.pillarbox.smtp.plugins.api.HeloHook}, {@link dev.pillarbox.smtp.plugins.api.MailHook},
 *       {@link dev.pillarbox.smtp.plugins.api.RcptHook}, {@link dev.pillarbox.smtp.plugins.api.DataHook},
 *       {@link dev.pillarbox.smtp.plugins.api.MessageHook} (sees and changes the
 *       {@link dev.pillarbox.smtp.plugins.api.Message}: {@link dev.pillarbox.smtp.plugins.api.HeaderField}s, the
 *       body) and {@link dev.pillarbox.smtp.plugins.api.DisconnectHook}; and two stages that cannot reply:
 *       {@link dev.pillarbox.smtp.plugins.api.AfterStoreHook} (an
 *       {@link dev.pillarbox.smtp.plugins.api.AcceptedMessage} was stored and answered) and
 *       {@link dev.pillarbox.smtp.plugins.api.TransactionEndedHook} (a transaction ended without a message, with its
 *       {@link dev.pillarbox.smtp.plugins.api.TransactionEnd}).</li>
 *   <li><b>EHLO keywords and parameters.</b> {@link dev.pillarbox.smtp.plugins.api.EhloCapability}; the MAIL and
 *       RCPT parameters a plugin owns, with the {@link dev.pillarbox.smtp.plugins.api.CommandLineAllowance} they add
 *       to their command line.</li>
 *   <li><b>The session.</b> Hooks read a {@link dev.pillarbox.smtp.plugins.api.SessionView}, handlers change a
 *       {@link dev.pillarbox.smtp.plugins.api.Session}: the {@link dev.pillarbox.smtp.plugins.api.Protocol}, the
 *       {@link dev.pillarbox.smtp.plugins.api.Envelope} with its {@link dev.pillarbox.smtp.plugins.api.Recipient}s,
 *       and typed session and transaction attributes under an {@link dev.pillarbox.smtp.plugins.api.AttributeKey}.</li>
 *   <li><b>Where accepted messages go.</b> A {@link dev.pillarbox.smtp.plugins.api.DeliveryTarget}, provided by
 *       name, opens a {@link dev.pillarbox.smtp.plugins.api.MessageWriter} per message; a 250 is sent only after
 *       every required target's {@code commit()} returned. A bound
 *       {@link dev.pillarbox.smtp.plugins.api.MessageStore} is the one target of a simple server.</li>
 * </ul>
 *
 * <p>Values from {@code smtp-core} ({@code Reply}, {@code Command}, {@code ReversePath}, {@code ForwardPath},
 * {@code EsmtpParameters}) complete the vocabulary; a plugin never sees bytes or sockets.
 */
package dev.pillarbox.smtp.plugins.api;
