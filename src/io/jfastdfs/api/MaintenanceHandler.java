package io.jfastdfs.api;

import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;
import io.jfastdfs.ops.Backups;
import io.jfastdfs.ops.Migrator;

import java.io.IOException;

/** {G}/backup and {G}/repair_fileinfo (API.md §2.15): each starts a background job and answers at once. */
public final class MaintenanceHandler {
    static final String BACKUP_STARTED = "back job start...";
    static final String MIGRATION_STARTED = "repair job start,don't try again,very danger ";
    static final String MIGRATION_OFF = "please set enable_migrate=true";

    /** Wraps a local action (by name) so that it also runs on every peer unless called with inner=1. */
    public interface FanOut {
        Handler forwarding(String action, Handler local);
    }

    private final Settings settings;
    private final Backups backups;
    private final Migrator migrator;
    private final Handler backupEverywhere;

    public MaintenanceHandler(Settings settings, Backups backups, Migrator migrator, FanOut fanOut) {
        this.settings = settings;
        this.backups = backups;
        this.migrator = migrator;
        this.backupEverywhere = fanOut.forwarding("backup", this::backupHere);
    }

    /** backup?date=D (default today): the date is checked before the call goes to the peers. */
    public Reply backup(Request req) throws IOException {
        StatHandler.day(req);
        return backupEverywhere.handle(req);
    }

    /** repair_fileinfo: a migration scan, when enable_migrate is on; a running scan is not started twice. */
    public Reply repairFileInfo(Request req) {
        if (!settings.get().enableMigrate()) throw ApiError.text(200, 403, MIGRATION_OFF);
        migrator.startAsync();
        return Reply.okMessage(MIGRATION_STARTED);
    }

    private Reply backupHere(Request req) {
        backups.request(StatHandler.day(req));
        return Reply.okMessage(BACKUP_STARTED);
    }
}
