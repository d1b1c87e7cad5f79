import { Transform, Type } from 'class-transformer';
import { IsArray, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** Jira's ids are numeric strings; some clients send them as JSON numbers, which Jira accepts too. */
export const numberAsString = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value);

class NamedRef {
  @IsOptional() @MaxLength(255) @IsString() name?: string;
  @IsOptional() @MaxLength(255) @IsString() key?: string;
  @IsOptional() @MaxLength(255) @IsString() @Transform(numberAsString) id?: string;
}

class IssueFields {
  @IsOptional() @ValidateNested() @Type(() => NamedRef) project?: NamedRef;
  @IsOptional() @MaxLength(255) @IsString() summary?: string;
  @IsOptional() @MaxLength(32_767) @IsString() description?: string;
  @IsOptional() @ValidateNested() @Type(() => NamedRef) issuetype?: NamedRef;
  @IsOptional() @ValidateNested() @Type(() => NamedRef) assignee?: NamedRef;
  @IsOptional() @ValidateNested() @Type(() => NamedRef) priority?: NamedRef;
  @IsOptional() @IsString({ each: true }) @IsArray() labels?: string[];
}

/** Jira's create-issue body: `{"fields": {...}}`. Required fields are checked with Jira's messages. */
export class CreateIssueBody {
  @ValidateNested() @Type(() => IssueFields) @IsObject() fields!: IssueFields;
}
