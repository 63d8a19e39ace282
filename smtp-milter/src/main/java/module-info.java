/**
 * The MTA side of the milter protocol, version 6: talks to rspamd, OpenDKIM and any libmilter filter.
 */
module dev.pillarbox.smtp.milter {
    requires transitive dev.pillarbox.smtp.core;
    requires org.slf4j;

    exports dev.pillarbox.smtp.milter;
}
