def route(*parts):
    return "/" + "/".join(parts)


AUTH = ("rest", "auth", "1")
