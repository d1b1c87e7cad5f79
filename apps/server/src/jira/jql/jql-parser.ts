/**
 * A JQL subset: `=`, `!=`, `~`, `!~`, `<`, `<=`, `>`, `>=`, `IN`, `NOT IN`, `IS [NOT] EMPTY|NULL`,
 * functions (`now()`, `startOfDay(-1d)`, `currentUser()`…), `AND`, `OR`, `NOT`, parentheses, `ORDER BY`.
 * Parse errors are `JqlError`s with Jira-style messages, answered as 400.
 */
export interface JqlFunctionCall {
  /** Lower-cased name, without the parentheses. */
  fn: string;
  /** The name as written, for messages. */
  name: string;
  args: string[];
}

export type JqlValue = string | JqlFunctionCall | { empty: true };

export type JqlOperator = '=' | '!=' | '~' | '!~' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

/** `IS EMPTY` is `= EMPTY` and `IS NOT EMPTY` is `!= EMPTY`, as Jira treats them. */
export type JqlNode =
  | { kind: 'and' | 'or'; children: JqlNode[] }
  | { kind: 'not'; child: JqlNode }
  | { kind: 'clause'; field: string; op: JqlOperator; values: JqlValue[] };

export interface JqlOrder {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where: JqlNode | null;
  orderBy: JqlOrder[];
}

export class JqlError extends Error {
  /** Jira answers some errors with one message per bad value. */
  constructor(
    message: string,
    readonly messages: string[] = [message],
  ) {
    super(message);
  }
}

/** How large a query may be: each list and each clause costs work in the database (docs/auth.md). */
export interface JqlLimits {
  /** Values in one `IN (…)` list, counted as written (duplicates included). */
  maxValues: number;
  /** `field op value` clauses in the whole query. */
  maxClauses: number;
}

export const DEFAULT_JQL_LIMITS: JqlLimits = { maxValues: 1000, maxClauses: 200 };

type Token = { type: 'word' | 'string' | 'op' | 'paren' | 'comma'; text: string; position: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'order', 'by', 'asc', 'desc', 'empty', 'null', 'is', 'was', 'changed']);

/** History operators: tokenshift keeps no history of field values to answer them from. */
const HISTORY_OPERATORS = new Set(['was', 'changed']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input.charAt(i);
    if (/\s/.test(char)) {
      i++;
    } else if (char === '"' || char === "'") {
      let j = i + 1;
      let text = '';
      while (j < input.length && input[j] !== char) {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        text += input[j];
        j++;
      }
      if (j >= input.length) throw new JqlError(`Error in the JQL Query: The quoted string starting at character ${i + 1} is not closed.`);
      tokens.push({ type: 'string', text, position: i });
      i = j + 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: 'paren', text: char, position: i++ });
    } else if (char === ',') {
      tokens.push({ type: 'comma', text: char, position: i++ });
    } else if (char === '!' && (input[i + 1] === '=' || input[i + 1] === '~')) {
      tokens.push({ type: 'op', text: `!${input[i + 1]}`, position: i });
      i += 2;
    } else if ((char === '<' || char === '>') && input[i + 1] === '=') {
      tokens.push({ type: 'op', text: `${char}=`, position: i });
      i += 2;
    } else if (char === '=' || char === '~' || char === '<' || char === '>') {
      tokens.push({ type: 'op', text: char, position: i++ });
    } else {
      const match = /^[\p{L}\p{N}_.@\-+*/]+/u.exec(input.slice(i));
      if (!match) throw new JqlError(`Error in the JQL Query: The character '${char}' is a reserved JQL character (at position ${i + 1}).`);
      tokens.push({ type: 'word', text: match[0], position: i });
      i += match[0].length;
    }
  }
  return tokens;
}

/** Parentheses and NOTs nested deeper than this are refused: the parser and the query built from it recurse per level. */
export const MAX_JQL_NESTING = 50;

class Parser {
  private index = 0;
  private depth = 0;
  private clauses = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly limits: JqlLimits,
  ) {}

  parse(): JqlQuery {
    const where = this.peekKeyword('order') || this.atEnd() ? null : this.parseOr();
    const orderBy = this.peekKeyword('order') ? this.parseOrderBy() : [];
    const rest = this.peek();
    if (rest) this.fail(`Expecting either 'OR' or 'AND' but got '${rest.text}'`);
    return { where, orderBy };
  }

  private parseOr(): JqlNode {
    const first = this.parseAnd();
    const children = [first];
    while (this.acceptKeyword('or')) children.push(this.parseAnd());
    return children.length === 1 ? first : { kind: 'or', children };
  }

  private parseAnd(): JqlNode {
    const first = this.parseUnary();
    const children = [first];
    while (this.acceptKeyword('and')) children.push(this.parseUnary());
    return children.length === 1 ? first : { kind: 'and', children };
  }

  private parseUnary(): JqlNode {
    const token = this.peek();
    if (!this.peekKeyword('not') && !(token?.type === 'paren' && token.text === '(')) return this.parseClause();
    if (++this.depth > MAX_JQL_NESTING) this.fail(`The query is nested more than ${MAX_JQL_NESTING} levels deep`);
    let node: JqlNode;
    if (this.acceptKeyword('not')) {
      node = { kind: 'not', child: this.parseUnary() };
    } else {
      this.accept('paren', '(');
      node = this.parseOr();
      if (!this.accept('paren', ')')) this.fail("Expecting ')'");
    }
    this.depth--;
    return node;
  }

  private parseClause(): JqlNode {
    if (++this.clauses > this.limits.maxClauses) this.fail(`The query has more than ${this.limits.maxClauses} clauses, the most allowed`);
    const fieldToken = this.next();
    if (!fieldToken || (fieldToken.type !== 'word' && fieldToken.type !== 'string') || KEYWORDS.has(fieldToken.text.toLowerCase())) {
      this.fail(`Expecting a field name but got '${fieldToken?.text ?? 'end of query'}'`, fieldToken);
    }
    const field = fieldToken.text.toLowerCase();
    this.refuseHistoryOperator();
    if (this.acceptKeyword('is')) {
      const negated = this.acceptKeyword('not');
      if (!this.acceptKeyword('empty') && !this.acceptKeyword('null')) this.fail("Expecting 'EMPTY' after 'IS'");
      return { kind: 'clause', field, op: negated ? '!=' : '=', values: [{ empty: true }] };
    }
    if (this.acceptKeyword('not')) {
      this.refuseHistoryOperator();
      if (!this.acceptKeyword('in')) this.fail("Expecting 'IN' after 'NOT'");
      return { kind: 'clause', field, op: 'not in', values: this.parseList() };
    }
    if (this.acceptKeyword('in')) return { kind: 'clause', field, op: 'in', values: this.parseList() };
    const op = this.next();
    if (!op || op.type !== 'op') this.fail(`Expecting an operator after '${fieldToken.text}'`, op);
    return { kind: 'clause', field, op: op.text as JqlOperator, values: [this.parseValue()] };
  }

  private parseList(): JqlValue[] {
    if (!this.accept('paren', '(')) this.fail("Expecting '(' after 'IN'");
    const values = [this.parseValue()];
    while (this.accept('comma', ',')) {
      if (values.length === this.limits.maxValues) this.fail(`A list has more than ${this.limits.maxValues} values, the most allowed`);
      values.push(this.parseValue());
    }
    if (!this.accept('paren', ')')) this.fail("Expecting ')' to close the list");
    return values;
  }

  private parseValue(): JqlValue {
    const token = this.next();
    if (!token || (token.type !== 'word' && token.type !== 'string')) this.fail(`Expecting a value but got '${token?.text ?? 'end of query'}'`, token);
    if (token.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'empty' || lower === 'null') return { empty: true };
      if (KEYWORDS.has(lower)) this.fail(`Expecting a value but got the reserved word '${token.text}'`, token);
      if (this.accept('paren', '(')) return { fn: lower, name: token.text, args: this.parseArguments(token.text) };
    }
    return token.text;
  }

  private refuseHistoryOperator(): void {
    const token = this.peek();
    if (token?.type !== 'word' || !HISTORY_OPERATORS.has(token.text.toLowerCase())) return;
    throw new JqlError(
      `Error in the JQL Query: The operator '${token.text.toUpperCase()}' is not supported: tokenshift keeps no history of field values, so WAS and CHANGED cannot be answered (at position ${token.position + 1}).`,
    );
  }

  /** A function's arguments, after its '(': words or strings separated by commas, up to ')'. */
  private parseArguments(name: string): string[] {
    const args: string[] = [];
    if (this.accept('paren', ')')) return args;
    do {
      const arg = this.next();
      if (!arg || (arg.type !== 'word' && arg.type !== 'string')) this.fail(`Expecting an argument of '${name}' but got '${arg?.text ?? 'end of query'}'`, arg);
      if (args.length === this.limits.maxValues) this.fail(`A list has more than ${this.limits.maxValues} values, the most allowed`, arg);
      args.push(arg.text);
    } while (this.accept('comma', ','));
    if (!this.accept('paren', ')')) this.fail(`Expecting ')' after the arguments of '${name}'`);
    return args;
  }

  private parseOrderBy(): JqlOrder[] {
    this.acceptKeyword('order');
    if (!this.acceptKeyword('by')) this.fail("Expecting 'BY' after 'ORDER'");
    const order: JqlOrder[] = [];
    do {
      const field = this.next();
      if (!field || (field.type !== 'word' && field.type !== 'string')) this.fail('Expecting a field name after ORDER BY', field);
      const direction = this.acceptKeyword('desc') ? 'desc' : (this.acceptKeyword('asc'), 'asc');
      order.push({ field: field.text.toLowerCase(), direction });
    } while (this.accept('comma', ','));
    return order;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
  private next(): Token | undefined {
    return this.tokens[this.index++];
  }
  private atEnd(): boolean {
    return this.index >= this.tokens.length;
  }
  private accept(type: Token['type'], text: string): boolean {
    const token = this.peek();
    if (token?.type === type && token.text === text) {
      this.index++;
      return true;
    }
    return false;
  }
  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === word;
  }
  private acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.index++;
    return true;
  }
  private fail(message: string, at: Token | undefined = this.peek()): never {
    const where = at ? ` (at position ${at.position + 1})` : ' (at the end of the query)';
    throw new JqlError(`Error in the JQL Query: ${message}${where}.`);
  }
}

export function parseJql(input: string, limits: JqlLimits = DEFAULT_JQL_LIMITS): JqlQuery {
  if (input.length > 10_000) throw new JqlError('Error in the JQL Query: the query is too long.');
  return new Parser(tokenize(input), limits).parse();
}
