package dev.pacer.ingest.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upload jobs a stopped instance left QUEUED or RUNNING end as FAILED, saying how far they got. */
@QuarkusTest
@PacerTestStack
class UploadRecoveryTest {
    private static final String UPLOADER = "uploader-" + UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    UploadRecovery recovery;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Inserts a job row as an instance leaves it: its status, progress, owner and last heartbeat. */
    private UUID job(String status, int total, int succeeded, int failed, String owner, OffsetDateTime heartbeat)
            throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into ingest.upload (id, dataset, file_name, format, encoding, size_bytes, status, rows_total, "
                        + "rows_succeeded, rows_failed, created_by, created_at, owner, heartbeat_at) "
                        + "values (?, 'orders', 'orders.csv', 'CSV', 'UTF-8', 1000, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, status);
            ps.setInt(3, total);
            ps.setInt(4, succeeded);
            ps.setInt(5, failed);
            ps.setString(6, UPLOADER);
            ps.setObject(7, now().minusHours(1));
            ps.setString(8, owner);
            ps.setObject(9, heartbeat);
            ps.executeUpdate();
        }
        return id;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private JsonPath upload(UUID id) {
        return given().auth().oauth2(Tokens.admin()).get("/uploads/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aJobLeftRunningByAStoppedInstanceFailsAskingForTheFileAgainWithWhatWasPublished() throws Exception {
        UUID crashed = job("RUNNING", 12000, 4990, 10, "instance-" + UUID.randomUUID(), now().minusMinutes(30));

        assertThat(recovery.recover()).isGreaterThanOrEqualTo(1);

        JsonPath job = upload(crashed);
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getString("message")).isEqualTo("Interrupted by a restart; upload the file again. 5000 of "
                + "its 12000 rows had been processed: 4990 published (they are not counted twice when the file is "
                + "uploaded again) and 10 refused (in the rows list and the quarantine)");
        assertThat(job.getInt("rowsSucceeded")).isEqualTo(4990);
        assertThat(job.getInt("rowsFailed")).isEqualTo(10);
        assertThat(job.getString("finishedAt")).isNotNull();
    }

    @Test
    void aQueuedJobFromBeforeHeartbeatsExistedFailsToo() throws Exception {
        UUID queued = job("QUEUED", 300, 0, 0, null, null);
        recovery.recover();
        JsonPath job = upload(queued);
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getString("message")).isEqualTo("Interrupted by a restart; upload the file again. None of "
                + "its 300 rows had been processed");
    }

    @Test
    void aJobAnotherLiveInstanceVouchesForKeepsRunningUntilItsLeaseExpires() throws Exception {
        UUID live = job("RUNNING", 12000, 5000, 0, "instance-" + UUID.randomUUID(), now().minusSeconds(30));
        recovery.tick();
        assertThat(upload(live).getString("status")).isEqualTo("RUNNING");

        clock.advance(Duration.ofMinutes(3)); // its instance stopped vouching for it
        recovery.tick();
        assertThat(upload(live).getString("status")).isEqualTo("FAILED");
    }

    @Test
    void finishedJobsAreLeftAsTheyAre() throws Exception {
        UUID done = job("SUCCEEDED", 10, 10, 0, "instance-" + UUID.randomUUID(), null);
        recovery.recover();
        JsonPath job = upload(done);
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("message")).isNull();
    }
}
