import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The most values one list parameter (`projectKeys=A,B`, repeated or comma-separated) may carry. */
export const MAX_LIST_PARAM_VALUES = 100;

/**
 * A list parameter as Jira takes it: repeated (`?keys=A&keys=B`) and, unless its values may hold commas
 * (issue type names), comma-separated (`?keys=A,B`); empty items are dropped. Anything but text is left
 * as it came, for the validators to refuse.
 */
const listParam =
  (commaSeparated: boolean) =>
  ({ value }: { value: unknown }) => {
    const items = Array.isArray(value) ? value : [value];
    if (!items.every((item) => typeof item === 'string')) return value;
    return (items as string[])
      .flatMap((item) => (commaSeparated ? item.split(',') : [item]))
      .map((item) => item.trim())
      .filter(Boolean);
  };

/** Decorators of an optional list parameter: each value text, at most 255 characters, at most 100 of them. */
export const ListParam = ({ commaSeparated = true } = {}) =>
  applyDecorators(IsOptional(), Transform(listParam(commaSeparated)), IsString({ each: true }), MaxLength(255, { each: true }), ArrayMaxSize(MAX_LIST_PARAM_VALUES));

/** `startAt` and `maxResults` of a paged Jira list. */
export class PageParams {
  /** A Java int in Jira; past it the database cannot take the offset. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) startAt?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) maxResults?: number;
}

/** The page a request asks for; `maxResults` above the resource's cap is lowered to it, as Jira does. */
export function pageOf(params: PageParams, { size, cap }: { size: number; cap: number }): { startAt: number; maxResults: number } {
  return { startAt: params.startAt ?? 0, maxResults: Math.min(params.maxResults ?? size, cap) };
}

/** Jira's paged list (`PageBean`): the values of one page and where it stands in all of them. */
export function pageJson<T>(page: { startAt: number; maxResults: number }, total: number, values: T[]) {
  return { maxResults: page.maxResults, startAt: page.startAt, total, isLast: page.startAt + values.length >= total, values };
}
