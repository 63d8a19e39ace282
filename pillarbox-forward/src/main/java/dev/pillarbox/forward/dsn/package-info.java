/**
 * Delivery status notifications (RFC 3464): the bounces and delay notices the forwarding gateway sends to a
 * message's reverse-path, composed as {@code multipart/report} messages (RFC 6522) by
 * {@link dev.pillarbox.forward.dsn.DeliveryStatusNotifications}, honouring the DSN parameters of RFC 3461
 * (NOTIFY, RET, ENVID, ORCPT). Pure code: no I/O beyond reading the original message given.
 */
package dev.pillarbox.forward.dsn;
