/** Strategy names: distinct, because two strategies built on one Passport class would collide on `basic`. */
export const API_TOKEN_BASIC_STRATEGY = 'api-token';
export const API_TOKEN_BEARER_STRATEGY = 'api-token-bearer';
