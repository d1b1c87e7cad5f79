import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Jira's AuthParams: `{"username": "...", "password": "..."}` (username may be the email).
 * Decorators on one line register right to left; with `stopAtFirstError` the type check reports first.
 */
export class LoginBody {
  @MaxLength(255) @IsNotEmpty() @IsString() username!: string;
  @MaxLength(1024) @IsNotEmpty() @IsString() password!: string;
}
