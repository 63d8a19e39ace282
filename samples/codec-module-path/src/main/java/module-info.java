/** Uses the Pillarbox codec, and nothing else of Pillarbox, from the module path. */
module com.example.codec {
    requires dev.pillarbox.smtp.codec;

    exports com.example.codec;
}
