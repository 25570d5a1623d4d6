package io.jfastdfs.api;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** backup and repair_fileinfo replies and denials (API.md §1.7, §2.15). */
class MaintenanceActionsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void backupWithoutDateBacksUpTodayAndAnswersBackJobStart() throws Exception {
        Replies.assertText(Http.get(server.url() + "/backup"), Replies.envelope("ok", "back job start..."));
        Replies.assertText(Http.postForm(server.url() + "/backup", java.util.Map.of("date", "20261124", "inner", "1")),
                Replies.envelope("ok", "back job start..."));
    }

    @Test
    void repairFileinfoWithMigrationOffAsksForEnableMigrate() throws Exception {
        Replies.assertText(Http.get(server.url() + "/repair_fileinfo"), "please set enable_migrate=true");
    }

    @Test
    void otherAddressesAreDeniedWithAnEnvelopeForBackupAndTextForRepairFileinfo() throws Exception {
        String other = AdminAccessTest.OTHER;
        RawHttp.Reply backup = RawHttp.get(other, server.port(), "/group1/backup?date=20261124");
        assertEquals(Replies.fail(AdminAccessTest.DENIED + other), backup.text());
        assertEquals(200, backup.status());
        RawHttp.Reply repair = RawHttp.get(other, server.port(), "/group1/repair_fileinfo");
        assertEquals(AdminAccessTest.DENIED + other, repair.text());
        assertEquals(200, repair.status());
    }
}
