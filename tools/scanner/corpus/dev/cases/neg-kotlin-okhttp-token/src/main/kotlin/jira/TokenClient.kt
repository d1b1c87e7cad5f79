package jira

import okhttp3.Credentials
import okhttp3.OkHttpClient
import okhttp3.Request

class TokenClient(private val base: String, email: String, token: String) {
    private val http = OkHttpClient()
    private val auth = Credentials.basic(email, token)

    fun myself(): String? = http.newCall(
        Request.Builder().url("$base/rest/api/2/myself").header("Authorization", auth).build()
    ).execute().use { it.body?.string() }
}
