import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateUserBody {
  @MaxLength(100) @Matches(/^[\w.@+-]+$/, { message: 'name may contain letters, digits and . _ @ + - only' }) @IsString() name!: string;
  @MaxLength(254) @IsEmail() email!: string;
  @MaxLength(200) @IsNotEmpty() @IsString() displayName!: string;
  @IsOptional() @MaxLength(1024) @MinLength(12) @IsString() password?: string;
  @IsOptional() @IsBoolean() isAdmin?: boolean;
  @IsOptional() @IsBoolean() emailVerified?: boolean;
}
