defmodule Tracker.Jira do
  @session_path "/rest/auth/1/session"

  def login(base, user, secret) do
    body = Jason.encode!(%{username: user, password: secret})

    with {:ok, %HTTPoison.Response{status_code: 200, body: resp}} <-
           HTTPoison.post(base <> @session_path, body, [{"Content-Type", "application/json"}]) do
      %{"session" => %{"name" => name, "value" => value}} = Jason.decode!(resp)
      {:ok, "#{name}=#{value}"}
    end
  end
end
