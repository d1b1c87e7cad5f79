package jira

import io.ktor.client.HttpClient
import io.ktor.client.call.body
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.contentType

data class Credentials(val username: String, val password: String)
data class SessionInfo(val name: String, val value: String)
data class LoginResponse(val session: SessionInfo)

suspend fun login(http: HttpClient, base: String, creds: Credentials): String {
    val response: LoginResponse = http.post("$base/rest/auth/1/session") {
        contentType(ContentType.Application.Json)
        setBody(creds)
    }.body()
    return "${response.session.name}=${response.session.value}"
}
