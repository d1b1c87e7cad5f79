Attribute VB_Name = "JiraExport"
Public Sub RefreshIssues()
    Dim http As Object
    Set http = CreateObject("MSXML2.XMLHTTP")
    http.Open "POST", Range("JiraUrl").Value & "/rest/auth/1/session", False
    http.setRequestHeader "Content-Type", "application/json"
    http.send "{""username"":""" & Range("JiraUser").Value & """,""password"":""" & InputBox("Password") & """}"
End Sub
