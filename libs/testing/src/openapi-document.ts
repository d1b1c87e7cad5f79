/** The parts of the served OpenAPI document (`/docs/json`) the e2e specs read; the rest is left out. */
export interface OpenApiMedia {
  schema?: { $ref?: string } & Record<string, unknown>;
}

export interface OpenApiOperation {
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, OpenApiMedia> };
  responses: Record<string, { description?: string; content?: Record<string, OpenApiMedia> }>;
  /** The token scope a write needs (an extension the server adds). */
  'x-required-scope'?: string;
}

export type OpenApiPathItem = Partial<Record<string, OpenApiOperation>>;

export interface OpenApiSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, OpenApiPathItem>;
  servers?: { url: string }[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, OpenApiSchema> };
}
