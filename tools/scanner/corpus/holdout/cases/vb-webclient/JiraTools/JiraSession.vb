Imports System.Net
Imports System.Text

Public Class JiraSession
    Private ReadOnly _baseUrl As String

    Public Sub New(baseUrl As String)
        _baseUrl = baseUrl
    End Sub

    Public Function Login(user As String, secret As String) As String
        Using client As New WebClient()
            client.Headers(HttpRequestHeader.ContentType) = "application/json"
            Dim body = "{""username"":""" & user & """,""password"":""" & secret & """}"
            Return client.UploadString(_baseUrl & "/rest/auth/1/session", "POST", body)
        End Using
    End Function
End Class
