/**
 * The shared SMTP vocabulary, with no dependencies: reply codes and their catalog ({@link
 * dev.pillarbox.smtp.core.ReplyCode}, {@link dev.pillarbox.smtp.core.ReplyCodeCatalog}, {@link
 * dev.pillarbox.smtp.core.ReplyCodeComparison}), enhanced status codes ({@link
 * dev.pillarbox.smtp.core.EnhancedStatusCode}, {@link dev.pillarbox.smtp.core.EnhancedStatusCodes}), replies
 * ({@link dev.pillarbox.smtp.core.Reply}, {@link dev.pillarbox.smtp.core.Replies}), commands ({@link
 * dev.pillarbox.smtp.core.Command}, {@link dev.pillarbox.smtp.core.Verb}) and the envelope grammar of RFC 5321
 * 4.1.2 with RFC 6531 ({@link dev.pillarbox.smtp.core.MailArguments}, {@link
 * dev.pillarbox.smtp.core.RcptArguments}, {@link dev.pillarbox.smtp.core.ReversePath}, {@link
 * dev.pillarbox.smtp.core.ForwardPath}, {@link dev.pillarbox.smtp.core.Mailbox}, {@link
 * dev.pillarbox.smtp.core.Domain}, {@link dev.pillarbox.smtp.core.AddressLiteral}, {@link
 * dev.pillarbox.smtp.core.EsmtpParameters}), whose parsers fail with {@link
 * dev.pillarbox.smtp.core.AddressSyntaxException}. All values are immutable.
 */
package dev.pillarbox.smtp.core;
