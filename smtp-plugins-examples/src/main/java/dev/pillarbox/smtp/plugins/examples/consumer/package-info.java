/**
 * How an application receives mail from the reference server's RabbitMQ target ({@code store: rabbitmq}): not a
 * plugin but a small program, {@link dev.pillarbox.smtp.plugins.examples.consumer.InboundConsumer}, that consumes
 * the queue and acknowledges each message after processing it.
 */
package dev.pillarbox.smtp.plugins.examples.consumer;
