package io.jfastdfs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Build facts written by build.sh into build.properties. */
public final class Version {
    public static final String VERSION;
    public static final String COMMIT;
    public static final String BUILT;

    static {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // a build without the file reports "dev"
        }
        VERSION = p.getProperty("version", "dev");
        COMMIT = p.getProperty("commit", "unknown");
        BUILT = p.getProperty("built", "unknown");
    }

    private Version() {}
}
