package cn.qianli.centre.reading;

import cn.qianli.centre.Tokens;
import cn.qianli.localservices.LocalKeycloak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Radiologists beyond the realm's demo user, added through Keycloak's admin API: radiologist2
 * and senior1 (a senior radiologist), both reading for the demo district; password = user name.
 */
public final class Readers {

    public static final String SECOND = "radiologist2";
    public static final String SENIOR = "senior1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static volatile boolean created;

    private Readers() {
    }

    /** Creates the users once per run and gives them their district (and seniority) in the database. */
    static synchronized void ensure(JdbcTemplate owner) {
        for (String user : List.of(SECOND, SENIOR)) {
            owner.update("INSERT INTO reader_district (username, district) VALUES (?, 'Wulong District') "
                    + "ON CONFLICT DO NOTHING", user);
        }
        owner.update("INSERT INTO senior_reader (username) VALUES (?) ON CONFLICT DO NOTHING", SENIOR);
        if (created) {
            return;
        }
        LocalKeycloak kc = Tokens.keycloak();
        String admin = kc.adminToken();
        String realm = kc.url() + "/admin/realms/" + LocalKeycloak.REALM;
        JsonNode role = JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm + "/roles/radiologist"))
                .header("Authorization", "Bearer " + admin).GET(), 200));
        for (String user : List.of(SECOND, SENIOR)) {
            String body = JSON.writeValueAsString(Map.of("username", user, "enabled", true, "firstName", user,
                    "lastName", "Reader", "email", user + "@centre.example", "emailVerified", true,
                    "credentials", List.of(Map.of("type", "password", "value", user, "temporary", false))));
            send(HttpRequest.newBuilder(URI.create(realm + "/users")).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 201, 409);
            JsonNode found = JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm + "/users?exact=true&username=" + user))
                    .header("Authorization", "Bearer " + admin).GET(), 200));
            String id = found.path(0).path("id").asString();
            send(HttpRequest.newBuilder(URI.create(realm + "/users/" + id + "/role-mappings/realm"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + JSON.writeValueAsString(role) + "]")), 204);
        }
        created = true;
    }

    static String token(String user) {
        return Tokens.user(user);
    }

    private static String send(HttpRequest.Builder request, int... ok) {
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : ok) {
                if (r.statusCode() == status) {
                    return r.body();
                }
            }
            throw new IllegalStateException("Keycloak admin API answered " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
