package tracker.gateway;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Our gateway answers the retired login with 410 Gone, and tells the caller what to use. */
@RestController
public class SessionGoneController {
    @PostMapping("/rest/auth/1/session")
    public ResponseEntity<String> login() {
        return ResponseEntity.status(410).body("use an API token");
    }

    @DeleteMapping("/rest/auth/1/session")
    public ResponseEntity<Void> logout() {
        return ResponseEntity.status(410).build();
    }

    static boolean isRetired(String path) {
        return path.equals("/rest/auth/1/session");
    }
}
