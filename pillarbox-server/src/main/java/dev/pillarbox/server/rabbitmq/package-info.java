/**
 * The RabbitMQ delivery target ({@code store: rabbitmq}): each accepted message is published, persistent and
 * mandatory, with its envelope in the headers, and answered 250 only after the broker's publisher confirm.
 */
package dev.pillarbox.server.rabbitmq;
