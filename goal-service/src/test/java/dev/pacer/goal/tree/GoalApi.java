package dev.pacer.goal.tree;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Small calls of the goal API for tests. */
public final class GoalApi {
    private GoalApi() {
    }

    /** POSTs the goal as the token's bearer, expects 201 and returns the new goal's id. */
    public static String create(String token, NewGoal goal) {
        return post(token, goal).statusCode(201).extract().path("id");
    }

    public static ValidatableResponse post(String token, NewGoal goal) {
        return given().auth().oauth2(token).contentType("application/json").body(goal.json())
                .post("/goals").then();
    }

    public static ValidatableResponse get(String token, String id) {
        return given().auth().oauth2(token).get("/goals/" + id).then();
    }

    public static ValidatableResponse put(String token, String id, String ifMatch, NewGoal goal) {
        var request = given().auth().oauth2(token).contentType("application/json").body(goal.json());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/goals/" + id).then();
    }

    public static ValidatableResponse delete(String token, String id) {
        return given().auth().oauth2(token).delete("/goals/" + id).then();
    }

    public static ValidatableResponse children(String token, String id) {
        return given().auth().oauth2(token).queryParam("limit", 500).get("/goals/" + id + "/children").then();
    }

    public static ValidatableResponse activate(String token, String id) {
        return given().auth().oauth2(token).post("/goals/" + id + "/activate").then();
    }

    /** A department code no other test uses. */
    public static String uniqueDepartment(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
