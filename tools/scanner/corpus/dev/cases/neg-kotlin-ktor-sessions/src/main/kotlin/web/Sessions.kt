package web

import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.sessions.Sessions
import io.ktor.server.sessions.cookie

data class UserSession(val id: String)

fun Application.configureSessions() {
    install(Sessions) {
        cookie<UserSession>("user_session") { cookie.path = "/" }
    }
}
