package dev.pillarbox.smtp.plugins.spi;

/**
 * A rule of the connection loop that depends on the verb, declared by the module that defines the verb
 * ({@link ExtensionPoints#verbTrait}) rather than known to the loop by name. Declared per verb name, so that a plugin
 * replacing a verb's handler keeps the verb's traits.
 */
public enum VerbTrait {

    /**
     * RFC 2920 3.1: the command ends a pipeline group, so the client must wait for its reply before it sends more
     * (EHLO, HELO, LHLO); input already waiting after it is improper pipelining. (DATA ends a group through its
     * 354 outcome.)
     */
    ENDS_PIPELINE_GROUP,

    /**
     * The command does no mail work (NOOP, RSET, VRFY, EXPN, HELP): counted against the junk command limit, like
     * Postfix's smtpd_junk_command_limit.
     */
    JUNK,

    /**
     * The command line is followed by raw octets of the message (BDAT's chunk, RFC 3030): the body deadline that
     * started with the message's first chunk keeps running across these commands; any other command ends it.
     */
    FOLLOWED_BY_OCTETS
}
