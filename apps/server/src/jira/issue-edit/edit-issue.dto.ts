import { IsObject, IsOptional } from 'class-validator';

/**
 * Jira's edit body: `{"fields": {...}, "update": {...}}`. Only the outer shape is checked here; the
 * field values are read by `parseEdit`, which answers problems by field as Jira does.
 */
export class EditIssueBody {
  @IsOptional() @IsObject() fields?: Record<string, unknown>;
  @IsOptional() @IsObject() update?: Record<string, unknown>;
}
