import aiohttp

AUTH_BASE = "/rest/auth/1"


class JiraSession:
    def __init__(self, root):
        self.root = root

    async def close(self, http: aiohttp.ClientSession):
        async with http.delete(f"{self.root}{AUTH_BASE}/session") as r:
            return r.status == 204
