import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Jira's AuthParams: `{"username": "...", "password": "..."}` (username may be the email).
 * Decorators on one line register right to left; with `stopAtFirstError` the type check reports first.
 */
export class LoginBody {
  @ApiProperty({ description: 'Username or email address', maxLength: 255, example: 'demo' })
  @MaxLength(255) @IsNotEmpty() @IsString() username!: string;
  @ApiProperty({ maxLength: 1024, format: 'password', example: 'demo-password' })
  @MaxLength(1024) @IsNotEmpty() @IsString() password!: string;
}
