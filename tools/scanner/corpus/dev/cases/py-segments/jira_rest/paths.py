import posixpath


def path(*segments):
    return "/" + posixpath.join(*segments)


AUTH = ("rest", "auth", "1")
