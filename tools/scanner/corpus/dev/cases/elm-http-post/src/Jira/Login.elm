module Jira.Login exposing (login)

import Http
import Json.Encode as E


login : String -> String -> String -> (Result Http.Error () -> msg) -> Cmd msg
login base user secret toMsg =
    Http.riskyRequest
        { method = "POST"
        , headers = []
        , url = base ++ "/rest/auth/1/session"
        , body = Http.jsonBody (E.object [ ( "username", E.string user ), ( "password", E.string secret ) ])
        , expect = Http.expectWhatever toMsg
        , timeout = Nothing
        , tracker = Nothing
        }
