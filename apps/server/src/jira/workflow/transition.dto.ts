import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { numberAsString } from '../issue.dto';

class TransitionRef {
  /** python-jira sends the id as a JSON number. */
  @IsOptional() @IsString() @MaxLength(255) @Transform(numberAsString) id?: string;
  @IsOptional() @IsString() @MaxLength(255) name?: string;
}

/** Jira's transition body: `{"transition": {"id": "31"}, "fields": {...}, "update": {...}}`. */
export class TransitionBody {
  @IsOptional() @ValidateNested() @Type(() => TransitionRef) @IsObject() transition?: TransitionRef;
  @IsOptional() @IsObject() fields?: Record<string, unknown>;
  @IsOptional() @IsObject() update?: Record<string, unknown>;
}

export class TransitionListParams {
  @IsOptional() @IsString() @MaxLength(255) expand?: string;
  @IsOptional() @IsString() @MaxLength(255) transitionId?: string;
}
