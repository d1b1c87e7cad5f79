export { PasswordHasher, PASSWORD_HASH_OPTIONS } from './password-hasher';
