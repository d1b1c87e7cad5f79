Imports System.Net.Http
Imports System.Text

Public Module TokenClient
    Public Function Create(email As String, token As String) As HttpClient
        Dim client As New HttpClient()
        Dim raw = Convert.ToBase64String(Encoding.UTF8.GetBytes(email & ":" & token))
        client.DefaultRequestHeaders.Add("Authorization", "Basic " & raw)
        Return client
    End Function
End Module
