import type { LanguageId } from '../model';

/**
 * Node types of each tree-sitter grammar that the evaluator and the rules need. Everything language-specific
 * about syntax lives here; the evaluator and rules work on these sets.
 */
export interface SyntaxProfile {
  grammar: string;
  /** Whole string literals (their interpolations are evaluated). */
  strings: string[];
  /** Children of a string that hold literal text. */
  stringContent: string[];
  /** Binary expressions; concatenation when the operator is in `concatOperators`. */
  binary: string[];
  concatOperators: string[];
  /** Expressions whose parts are joined without an operator (shell words). */
  juxtaposition: string[];
  identifiers: string[];
  /** Member/attribute/scope accesses: resolved by their last name. */
  members: string[];
  calls: string[];
  comments: string[];
  /** Declarations and assignments that bind a name to a value. */
  assignments: string[];
  /** Key/value pairs: object literals, keyword arguments, hash pairs, array elements with `=>`. */
  pairs: string[];
  /** Wrappers to see through when evaluating. */
  wrappers: string[];
  /** Array/list literals (for `['rest','auth','1','session'].join('/')`). */
  arrays: string[];
  /** Literal nodes whose text is their value. */
  literals: string[];
}

const COMMON_CONTENT = ['string_content', 'string_fragment', 'escape_sequence', 'string_start', 'string_end', 'interpreted_string_text',
  'line_str_text', 'multi_line_str_text', 'str_text', 'interpolated_string_text', 'string_literal_content', 'heredoc_content',
  'string_value', 'interpolated_verbatim_string_text', 'raw_string_content', 'multi_line_string_content', 'heredoc_body', 'string_literal_fragment'];
const WRAPPERS = ['parenthesized_expression', 'argument', 'value_argument', 'expression_list', 'equals_value_clause', 'expression_statement',
  'interpolation', 'template_substitution', 'interpolated_expression', 'simple_expansion', 'expansion', 'literal_element', 'parenthesized_statements'];

/** A profile with no bindings, pairs, arrays or concatenation: the parts a grammar does not need to fill. */
const MINIMAL: Omit<SyntaxProfile, 'grammar' | 'strings' | 'identifiers' | 'calls' | 'comments'> = {
  stringContent: COMMON_CONTENT,
  binary: [],
  concatOperators: [],
  juxtaposition: [],
  members: [],
  assignments: [],
  pairs: [],
  wrappers: WRAPPERS,
  arrays: [],
  literals: [],
};

const JS: SyntaxProfile = {
  grammar: 'javascript',
  strings: ['string', 'template_string'],
  stringContent: COMMON_CONTENT,
  binary: ['binary_expression'],
  concatOperators: ['+'],
  juxtaposition: [],
  identifiers: ['identifier', 'property_identifier', 'shorthand_property_identifier'],
  members: ['member_expression', 'subscript_expression'],
  calls: ['call_expression', 'new_expression'],
  comments: ['comment'],
  assignments: ['variable_declarator', 'assignment_expression', 'public_field_definition', 'field_definition'],
  pairs: ['pair'],
  wrappers: WRAPPERS,
  arrays: ['array'],
  literals: ['true', 'false', 'number'],
};

export const PROFILES: Partial<Record<LanguageId, SyntaxProfile>> = {
  javascript: JS,
  // Groovy has no maintained prebuilt grammar on npm; the JavaScript grammar shares its string, comment,
  // concatenation and call syntax, and tree-sitter recovers around `def` and named arguments.
  groovy: { ...JS, pairs: ['pair', 'labeled_statement'] },
  typescript: { ...JS, grammar: 'typescript' },
  tsx: { ...JS, grammar: 'tsx' },
  json: { ...JS, grammar: 'json', assignments: [], identifiers: [], calls: [] },
  postman: { ...JS, grammar: 'json', assignments: [], identifiers: [], calls: [] },
  python: {
    grammar: 'python',
    strings: ['string', 'concatenated_string'],
    stringContent: COMMON_CONTENT,
    binary: ['binary_operator'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['identifier'],
    members: ['attribute', 'subscript'],
    calls: ['call'],
    comments: ['comment'],
    assignments: ['assignment'],
    pairs: ['pair', 'keyword_argument'],
    wrappers: [...WRAPPERS, 'format_expression'],
    arrays: ['list', 'tuple'],
    literals: ['true', 'false', 'integer', 'float'],
  },
  java: {
    grammar: 'java',
    strings: ['string_literal', 'text_block'],
    stringContent: COMMON_CONTENT,
    binary: ['binary_expression'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['identifier'],
    members: ['field_access'],
    calls: ['method_invocation', 'object_creation_expression'],
    comments: ['line_comment', 'block_comment'],
    assignments: ['variable_declarator', 'assignment_expression'],
    pairs: [],
    wrappers: WRAPPERS,
    arrays: ['array_initializer'],
    literals: ['true', 'false', 'decimal_integer_literal'],
  },
  kotlin: {
    grammar: 'kotlin',
    strings: ['string_literal', 'line_string_literal', 'multi_line_string_literal'],
    stringContent: COMMON_CONTENT,
    binary: ['additive_expression'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['simple_identifier', 'interpolated_identifier'],
    members: ['navigation_expression'],
    calls: ['call_expression'],
    comments: ['comment', 'line_comment', 'multiline_comment'],
    assignments: ['property_declaration', 'assignment'],
    pairs: [],
    wrappers: [...WRAPPERS, 'navigation_suffix'],
    arrays: [],
    literals: ['boolean_literal', 'integer_literal'],
  },
  go: {
    grammar: 'go',
    strings: ['interpreted_string_literal', 'raw_string_literal'],
    stringContent: COMMON_CONTENT,
    binary: ['binary_expression'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['identifier', 'field_identifier'],
    members: ['selector_expression'],
    calls: ['call_expression'],
    comments: ['comment'],
    assignments: ['const_spec', 'var_spec', 'short_var_declaration', 'assignment_statement'],
    pairs: ['keyed_element'],
    wrappers: WRAPPERS,
    arrays: ['literal_value'],
    literals: ['true', 'false', 'int_literal'],
  },
  ruby: {
    grammar: 'ruby',
    strings: ['string', 'heredoc_body', 'simple_symbol', 'delimited_symbol'],
    stringContent: COMMON_CONTENT,
    binary: ['binary'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['identifier', 'constant', 'instance_variable', 'global_variable', 'class_variable'],
    members: ['scope_resolution', 'element_reference'],
    calls: ['call', 'method_call'],
    comments: ['comment'],
    assignments: ['assignment', 'operator_assignment'],
    pairs: ['pair'],
    wrappers: [...WRAPPERS, 'parenthesized_statements'],
    arrays: ['array'],
    literals: ['true', 'false', 'integer'],
  },
  php: {
    grammar: 'php',
    strings: ['string', 'encapsed_string', 'heredoc', 'nowdoc'],
    stringContent: [...COMMON_CONTENT, 'nowdoc_string'],
    binary: ['binary_expression'],
    concatOperators: ['.'],
    juxtaposition: [],
    identifiers: ['variable_name', 'name'],
    members: ['member_access_expression', 'class_constant_access_expression', 'scoped_property_access_expression', 'subscript_expression'],
    calls: ['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'object_creation_expression'],
    comments: ['comment'],
    assignments: ['assignment_expression', 'const_element', 'property_element'],
    pairs: ['array_element_initializer'],
    wrappers: WRAPPERS,
    arrays: ['array_creation_expression'],
    literals: ['boolean', 'integer'],
  },
  csharp: {
    grammar: 'c_sharp',
    strings: ['string_literal', 'verbatim_string_literal', 'interpolated_string_expression', 'raw_string_literal'],
    stringContent: COMMON_CONTENT,
    binary: ['binary_expression'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['identifier'],
    members: ['member_access_expression'],
    calls: ['invocation_expression', 'object_creation_expression'],
    comments: ['comment'],
    assignments: ['variable_declarator', 'assignment_expression'],
    pairs: ['assignment_expression'],
    wrappers: WRAPPERS,
    arrays: ['initializer_expression'],
    literals: ['boolean_literal', 'integer_literal'],
  },
  swift: {
    grammar: 'swift',
    strings: ['line_string_literal', 'multi_line_string_literal', 'raw_string_literal'],
    stringContent: COMMON_CONTENT,
    binary: ['additive_expression'],
    concatOperators: ['+'],
    juxtaposition: [],
    identifiers: ['simple_identifier'],
    members: ['navigation_expression'],
    calls: ['call_expression'],
    comments: ['comment', 'multiline_comment'],
    assignments: ['property_declaration', 'assignment'],
    pairs: [],
    wrappers: [...WRAPPERS, 'navigation_suffix'],
    arrays: ['array_literal'],
    literals: ['boolean_literal', 'integer_literal'],
  },
  shell: {
    grammar: 'bash',
    strings: ['string', 'raw_string', 'word', 'ansi_c_string'],
    stringContent: COMMON_CONTENT,
    binary: [],
    concatOperators: [],
    juxtaposition: ['concatenation'],
    identifiers: ['variable_name'],
    members: [],
    calls: ['command'],
    comments: ['comment'],
    assignments: ['variable_assignment'],
    pairs: [],
    wrappers: WRAPPERS,
    arrays: [],
    literals: ['number'],
  },
  elisp: {
    ...MINIMAL,
    grammar: 'elisp',
    strings: ['string'],
    identifiers: ['symbol'],
    // A form is a call: `(request url :type "POST")`.
    calls: ['list'],
    comments: ['comment'],
    assignments: ['special_form'],
  },
  objc: {
    ...MINIMAL,
    grammar: 'objc',
    strings: ['string_literal'],
    identifiers: ['identifier'],
    members: ['field_expression'],
    calls: ['message_expression', 'call_expression'],
    comments: ['comment'],
    assignments: ['init_declarator', 'assignment_expression'],
  },
  lua: {
    ...MINIMAL,
    grammar: 'lua',
    strings: ['string'],
    binary: ['binary_expression'],
    concatOperators: ['..'],
    identifiers: ['identifier'],
    members: ['dot_index_expression', 'bracket_index_expression'],
    calls: ['function_call'],
    comments: ['comment'],
    assignments: ['assignment_statement'],
    pairs: ['field'],
  },
  rust: {
    ...MINIMAL,
    grammar: 'rust',
    strings: ['string_literal', 'raw_string_literal'],
    binary: ['binary_expression'],
    concatOperators: ['+'],
    identifiers: ['identifier'],
    members: ['field_expression', 'scoped_identifier'],
    calls: ['call_expression', 'macro_invocation'],
    comments: ['line_comment', 'block_comment'],
    assignments: ['let_declaration', 'const_item', 'static_item', 'assignment_expression'],
    wrappers: [...WRAPPERS, 'reference_expression', 'token_tree'],
  },
  scala: {
    ...MINIMAL,
    grammar: 'scala',
    strings: ['string', 'interpolated_string_expression'],
    binary: ['infix_expression'],
    concatOperators: ['+'],
    identifiers: ['identifier'],
    members: ['field_expression'],
    calls: ['call_expression'],
    comments: ['comment', 'block_comment'],
    assignments: ['val_definition', 'var_definition', 'assignment_expression'],
    wrappers: [...WRAPPERS, 'string_transform_expression'],
  },
  // Dart's grammar has no call node (a call is a chain of selectors): a path string is reported where it is.
  dart: {
    ...MINIMAL,
    grammar: 'dart',
    strings: ['string_literal'],
    identifiers: ['identifier'],
    calls: [],
    comments: ['comment', 'documentation_comment'],
    assignments: ['static_final_declaration', 'initialized_variable_definition', 'initialized_identifier'],
  },
  elixir: {
    ...MINIMAL,
    grammar: 'elixir',
    strings: ['string', 'charlist'],
    stringContent: [...COMMON_CONTENT, 'quoted_content'],
    binary: ['binary_operator'],
    concatOperators: ['<>'],
    identifiers: ['identifier'],
    members: ['dot'],
    calls: ['call'],
    comments: ['comment'],
  },
};

/** Languages whose names the evaluator follows: only they can use a value another file defines. */
export const RESOLVES_NAMES: ReadonlySet<LanguageId> = new Set(
  (Object.entries(PROFILES) as Array<[LanguageId, SyntaxProfile]>).filter(([, profile]) => profile.identifiers.length > 0).map(([language]) => language),
);
