package io.jfastdfs.api;

import io.jfastdfs.http.Cors;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Route;
import io.jfastdfs.http.Route.Denial;
import io.jfastdfs.http.Router;

import java.util.Set;

/** The route table of API.md §2: every action with its access rule and denial shape. */
public final class Routes {
    private Routes() {}

    /** The handlers the table refers to. */
    public record Handlers(UploadHandler upload, DownloadHandler download, DeleteHandler delete,
                           FileInfoHandler fileInfo, ExistHandler exist, ListDirHandler listDir, SearchHandler search,
                           StatHandler stat, StatusHandler status, ReloadHandler reload, PageHandler pages,
                           Handler removeEmptyDir) {}

    public static Router build(String groupPrefix, Handlers h) {
        Router r = new Router(groupPrefix);
        r.action(Route.publicAction("upload", h.upload()));
        r.action(Route.publicAction("check_file_exist", h.exist()::one));
        r.action(Route.publicAction("check_files_exist", h.exist()::many));
        r.action(Route.publicAction("status", h.status()));
        r.action(Route.adminAction("delete", Denial.TEXT, h.delete()));
        r.action(Route.adminAction("get_file_info", Denial.TEXT, h.fileInfo()));
        r.action(Route.adminAction("list_dir", Denial.ENVELOPE, h.listDir()));
        r.action(Route.adminAction("search", Denial.ENVELOPE, h.search()));
        r.action(Route.adminAction("stat", Denial.ENVELOPE, h.stat()));
        r.action(Route.adminAction("reload", Denial.TEXT, h.reload()));
        r.action(Route.adminAction("remove_empty_dir", Denial.ENVELOPE, h.removeEmptyDir()));
        r.action(Route.adminAction("report", Denial.TEXT, h.pages()::report));
        GoogleAuthHandler google = new GoogleAuthHandler();
        r.action(Route.adminAction("gen_google_secret", Denial.ENVELOPE, google::secret));
        r.action(Route.adminAction("gen_google_code", Denial.ENVELOPE, google::code));
        r.action(new Route("upload.html", Route.Access.PUBLIC, Denial.TEXT, Route.READ_METHODS, Cors.Flavour.PUBLIC,
                h.pages()::upload));
        r.prefix(new Route("static", Route.Access.PUBLIC, Denial.TEXT, Route.READ_METHODS, Cors.Flavour.PUBLIC,
                h.pages()::asset));
        r.page(new Route("page", Route.Access.PUBLIC, Denial.TEXT, Route.READ_METHODS, Cors.Flavour.PUBLIC,
                h.pages()::upload));
        r.download(new Route("download", Route.Access.PUBLIC, Denial.TEXT, Route.READ_METHODS, Cors.Flavour.PUBLIC,
                h.download()));
        return r;
    }

    /**
     * The tus endpoint {G}/big/upload[/&lt;id&gt;] (API.md §2.18), when enable_tus is on. Its handler
     * answers OPTIONS itself (tus discovery) and honours X-HTTP-Method-Override.
     */
    public static void tus(Router r, Handler tus) {
        r.prefix(new Route("big/upload", Route.Access.PUBLIC, Denial.TEXT,
                Set.of("OPTIONS", "POST", "HEAD", "PATCH", "GET", "DELETE"), Cors.Flavour.TUS, tus));
    }

    /** backup (go-fastdfs answers its denial as an envelope) and repair_fileinfo (as text), §1.7. */
    public static void maintenance(Router r, MaintenanceHandler h) {
        r.action(Route.adminAction("backup", Denial.ENVELOPE, h::backup));
        r.action(Route.adminAction("repair_fileinfo", Denial.TEXT, h::repairFileInfo));
    }

    /** {G}/metrics (API.md §6.1): admin-only; a denial is the plain text of §1.7. */
    public static void metrics(Router r, MetricsHandler metrics) {
        r.action(Route.adminAction("metrics", Denial.TEXT, metrics));
    }

    /** remove_empty_dir's reply; the sweep runs in the background. */
    public static Reply cleanStarted() {
        return Reply.okMessage("clean job start ..,don't try again!!!");
    }
}
