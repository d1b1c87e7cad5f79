import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_TEXT_LENGTH } from '../issue-edit/edit-request';
import { MAX_COMMENTS } from './comment-json';

/** Jira's add-comment body. `visibility` (role or group restrictions) is refused rather than ignored: ignoring it would publish a comment meant to be restricted. */
export class AddCommentBody {
  @IsNotEmpty({ message: 'Comment body can not be empty!' })
  @MaxLength(MAX_TEXT_LENGTH, { message: `The entered text is too long. It exceeds the allowed limit of ${MAX_TEXT_LENGTH} characters.` })
  @IsString({ message: 'Comment body can not be empty!' })
  body!: string;

  @IsOptional() @IsIn([undefined], { message: 'Comment visibility (restricting a comment to a role or group) is not supported by this server.' }) visibility?: unknown;
}

export class CommentListParams {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) startAt?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_COMMENTS) maxResults?: number;
  /** Jira sorts by `created`, newest first with `-created`. */
  @IsOptional() @IsIn(['created', '-created', '+created']) orderBy?: string;
  @IsOptional() @IsString() @MaxLength(255) expand?: string;
}

export class CommentExpandParams {
  @IsOptional() @IsString() @MaxLength(255) expand?: string;
}
