import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const NAME_PATTERN = /^[\w.@+-]+$/;
const NAME_PATTERN_MESSAGE = 'name may contain letters, digits and . _ @ + - only';

export class CreateUserBody {
  @MaxLength(100) @Matches(NAME_PATTERN, { message: NAME_PATTERN_MESSAGE }) @IsString() name!: string;
  @MaxLength(254) @IsEmail() email!: string;
  @MaxLength(200) @IsNotEmpty() @IsString() displayName!: string;
  @IsOptional() @MaxLength(1024) @MinLength(12) @IsString() password?: string;
  @IsOptional() @IsBoolean() isAdmin?: boolean;
  @IsOptional() @IsBoolean() emailVerified?: boolean;
}

/** A new username: the same rules as at creation. */
export class RenameUserBody {
  @MaxLength(100) @Matches(NAME_PATTERN, { message: NAME_PATTERN_MESSAGE }) @IsString() name!: string;
}
