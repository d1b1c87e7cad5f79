import Foundation

struct CookieSession: Decodable {
    let name: String
    let value: String
}

func headers(for session: CookieSession) -> [String: String] {
    ["cookie": "\(session.name)=\(session.value)"]
}
