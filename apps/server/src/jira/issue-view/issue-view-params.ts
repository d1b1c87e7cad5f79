import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import type { IssueView } from '../issue-json';
import { FieldDefault, MAX_FIELD_ITEMS, parseExpand, selectFields } from './field-selection';

/** A query value (`a,b` or repeated) or a body value (`["a","b"]` or `"a,b"`) as a list of items. */
function toList({ value }: { value: unknown }): unknown {
  if (typeof value === 'string') return value.split(',');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.flatMap((item: string) => item.split(','));
  return value;
}

/** `fields` and `expand`, as issue GET and search take them (query string or body). */
export class IssueViewParams {
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(MAX_FIELD_ITEMS) @IsString({ each: true }) @MaxLength(255, { each: true }) fields?: string[];
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(MAX_FIELD_ITEMS) @IsString({ each: true }) @MaxLength(255, { each: true }) expand?: string[];
}

export function issueView(params: IssueViewParams, fallback: FieldDefault): IssueView {
  return { fields: selectFields(params.fields, fallback), expand: parseExpand(params.expand) };
}
