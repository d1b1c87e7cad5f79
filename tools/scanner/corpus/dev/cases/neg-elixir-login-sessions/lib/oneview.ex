defmodule OneView do
  def login(base, user, secret) do
    HTTPoison.post(base <> "/rest/login-sessions", Jason.encode!(%{userName: user, password: secret}), [
      {"Content-Type", "application/json"},
      {"X-API-Version", "200"}
    ])
  end
end
