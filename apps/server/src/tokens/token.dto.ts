import { ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { JiraHttpException } from '@tokenshift/shared/nest';

export class CreateTokenBody {
  @MaxLength(100) @IsNotEmpty() @IsString() name!: string;
  /** Days until the token expires (1–3650); or give `expiresAt`; neither = no expiry. */
  @IsOptional() @Max(3650) @Min(1) @IsInt() expiresInDays?: number;
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
  @IsOptional() @ArrayUnique() @IsIn(['read', 'write', 'admin'], { each: true }) @IsArray() scopes?: Array<'read' | 'write' | 'admin'>;
}

/**
 * When a token made from this body expires (null: never). The API and the CLI both use it, so an
 * expiry in the past is refused the same way everywhere.
 */
export function expiryOf(body: CreateTokenBody, now = Date.now()): Date | null {
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : body.expiresInDays ? new Date(now + body.expiresInDays * 86_400_000) : null;
  if (expiresAt && expiresAt.getTime() <= now) throw new JiraHttpException(400, 'The expiry must be in the future.', {}, { expiresAt: 'must be in the future' });
  return expiresAt;
}
