import Foundation

struct BasicAuth {
    let email: String
    let token: String

    var header: String {
        "Basic " + Data("\(email):\(token)".utf8).base64EncodedString()
    }
}
