package tracker

const authBase = "/rest/auth/1"
