package dev.pillarbox.server.web;

import java.util.Base64;

/** Messages for the web inbox's tests, with CRLF line ends. */
final class Mails {

    private Mails() {
    }

    static String plain(String subject, String text) {
        return "From: Alice <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + Math.abs(subject.hashCode()) + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + text.replace("\n", "\r\n") + "\r\n";
    }

    /** Text, HTML and one attachment of {@code attachment}'s bytes (base64), named {@code filename}. */
    static String withAttachment(String subject, String text, String html, String filename, byte[] attachment) {
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(attachment);
        return "From: Carol <carol@example.org>\r\n"
                + "To: Dave <dave@example.net>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Mon, 7 Dec 2026 11:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                + "\r\n"
                + "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
                + "\r\n"
                + "--inner\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + text + "\r\n"
                + "--inner\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "\r\n"
                + html + "\r\n"
                + "--inner--\r\n"
                + "--outer\r\n"
                + "Content-Type: application/octet-stream; name=\"" + filename + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + encoded + "\r\n"
                + "--outer--\r\n";
    }

    static String html(String subject, String html) {
        return "From: News <news@example.org>\r\n"
                + "To: Bob <bob@example.net>\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "\r\n"
                + html + "\r\n";
    }
}
