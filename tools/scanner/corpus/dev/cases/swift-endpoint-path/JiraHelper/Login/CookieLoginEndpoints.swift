import Foundation

enum CookieLoginEndpoints {
    struct SessionResult: Decodable {
        let session: CookieSession
    }

    static func login(with data: LoginData) -> EndpointConfiguration<SessionResult> {
        EndpointConfiguration(
            path: "/rest/auth/latest/session",
            method: .post,
            headers: [:],
            parameters: .dict(["username": data.username, "password": data.password])
        )
    }
}
