package io.jfastdfs.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Routing of API.md §1.1 and the table's own consistency. */
class RouterTest {
    private static final Handler NONE = r -> Reply.empty(200);

    @Test
    void anActionRegisteredTwiceIsAWiringMistake() {
        Router r = new Router("/group1").action(Route.publicAction("status", NONE));
        assertThrows(IllegalStateException.class, () -> r.action(Route.adminAction("status", Route.Denial.TEXT, NONE)));
    }

    @Test
    void actionsMatchWithAndWithoutTheGroupAndEverythingElseIsADownload() {
        Route status = Route.publicAction("status", NONE);
        Route download = new Route("download", Route.Access.PUBLIC, Route.Denial.TEXT, Route.READ_METHODS,
                Cors.Flavour.PUBLIC, NONE);
        Router r = new Router("/group1").action(status).download(download);
        assertSame(status, r.route("/group1/status"));
        assertSame(status, r.route("/status"));
        assertSame(download, r.route("/group1/status/"));
        assertSame(download, r.route("/group1/default/a.txt"));
    }
}
