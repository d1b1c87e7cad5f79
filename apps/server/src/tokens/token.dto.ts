import { ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateTokenBody {
  @MaxLength(100) @IsNotEmpty() @IsString() name!: string;
  /** Days until the token expires (1–3650); or give `expiresAt`; neither = no expiry. */
  @IsOptional() @Max(3650) @Min(1) @IsInt() expiresInDays?: number;
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
  @IsOptional() @ArrayUnique() @IsIn(['read', 'write', 'admin'], { each: true }) @IsArray() scopes?: Array<'read' | 'write' | 'admin'>;
}
