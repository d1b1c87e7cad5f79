package com.acme.jira

import retrofit2.http.Body
import retrofit2.http.DELETE
import retrofit2.http.POST

interface JiraService {
    @POST("rest/auth/1/session")
    suspend fun login(@Body credentials: Credentials): LoginResponse

    @DELETE("rest/auth/1/session")
    suspend fun logout()
}
