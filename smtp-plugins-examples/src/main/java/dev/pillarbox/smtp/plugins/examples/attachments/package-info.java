/**
 * The {@code attachment-policy} example: a message hook that parses MIME with Apache Mime4J (streaming), refuses
 * banned attachment types with {@code 554 5.7.1} and stamps the others with a header field listing them.
 */
package dev.pillarbox.smtp.plugins.examples.attachments;
