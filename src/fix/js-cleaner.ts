// The cleaner strategy for jest: what a cleaner test does, read with the TypeScript compiler's parser (JS and TS alike),
// written as an afterEach of the polluter's file that runs it after the polluter only.
import { posix } from 'node:path';
import type TS from 'typescript';

/** What a cleaner test's function does: the same shape as pytest's (src/runners/pytest/cleaner-body.ts). */
export interface JsCleanerBody {
  async: boolean;
  /** Its statements, `expect(…)` statements left out (the calls in their arguments kept, each a statement). */
  statements: { source: string; fromAssert: boolean }[];
  /** The top-level imports and requires of its file that bind a name it uses, as written there. */
  imports: { source: string; names: string[]; specifier: string }[];
  /** Names it uses that its own file declares at the top (a helper, a constant). */
  defined: string[];
}

const TESTS = new Set(['test', 'it']);

/** The body of the test `titles` (describe titles, then the test's) in a test file's text; undefined when not found. */
export function readJsCleaner(
  ts: typeof TS,
  text: string,
  fileName: string,
  titles: readonly string[],
): JsCleanerBody | undefined {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const test = findTest(ts, source.statements, titles);
  if (test === undefined || !ts.isBlock(test.body)) return undefined;
  const statements: JsCleanerBody['statements'] = [];
  for (const statement of test.body.statements) {
    const expectCall = expectOf(ts, statement);
    if (expectCall === undefined)
      statements.push({ source: dedent(statement.getText(source), source, statement), fromAssert: false });
    else
      for (const call of outerCalls(ts, expectCall.arguments))
        statements.push({ source: call.getText(source), fromAssert: true });
  }
  const used = usedNames(ts, test.body);
  const imports: JsCleanerBody['imports'] = [];
  const defined: string[] = [];
  for (const statement of source.statements) {
    const binding = topBinding(ts, statement);
    if (binding === undefined) continue;
    const names = binding.names.filter((name) => used.has(name));
    if (names.length === 0) continue;
    if (binding.specifier === undefined) defined.push(...names);
    else imports.push({ source: statement.getText(source), names: binding.names, specifier: binding.specifier });
  }
  return { async: test.async, statements, imports, defined };
}

/** The import of a cleaner's file as the polluter's file needs it: a relative path taken from the polluter's folder. */
export function importFrom(entry: JsCleanerBody['imports'][number], cleanerFile: string, polluterFile: string): string {
  if (!entry.specifier.startsWith('.')) return entry.source;
  const target = posix.normalize(posix.join(posix.dirname(cleanerFile), entry.specifier));
  let relative = posix.relative(posix.dirname(polluterFile), target);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return entry.source.replace(/(['"])([^'"]*)\1/, (_match, quote: string) => `${quote}${relative}${quote}`);
}

/** The names a file binds at its top level (imports, requires, declarations), for the imports it does not need twice. */
export function topLevelNames(ts: typeof TS, text: string, fileName: string): Set<string> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  return new Set(source.statements.flatMap((statement) => topBinding(ts, statement)?.names ?? []));
}

function findTest(
  ts: typeof TS,
  statements: readonly TS.Statement[],
  titles: readonly string[],
): { body: TS.ConciseBody; async: boolean } | undefined {
  const [title, ...rest] = titles;
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
    const call = statement.expression;
    const [name, fn] = [call.arguments[0], call.arguments[1]];
    if (!ts.isIdentifier(call.expression) || name === undefined || fn === undefined) continue;
    if (!(ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) || name.text !== title) continue;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) continue;
    const callee = call.expression.text;
    if (rest.length === 0 && TESTS.has(callee)) {
      if (fn.parameters.length > 0) return undefined; // a done callback: its statements need it
      const async = fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
      return { body: fn.body, async };
    }
    if (rest.length > 0 && callee === 'describe' && ts.isBlock(fn.body)) {
      const found = findTest(ts, fn.body.statements, rest);
      if (found) return found;
    }
  }
  return undefined;
}

/** The `expect(…)` call a statement checks with (`expect(x).toBe(1)`, `await expect(p).resolves.…`), if any. */
function expectOf(ts: typeof TS, statement: TS.Statement): TS.CallExpression | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  let node: TS.Expression = statement.expression;
  for (;;) {
    if (ts.isAwaitExpression(node)) node = node.expression;
    else if (ts.isCallExpression(node)) {
      if (ts.isIdentifier(node.expression) && node.expression.text === 'expect') return node;
      node = node.expression;
    } else if (ts.isPropertyAccessExpression(node)) node = node.expression;
    else return undefined;
  }
}

function outerCalls(ts: typeof TS, nodes: readonly TS.Node[]): TS.CallExpression[] {
  const calls: TS.CallExpression[] = [];
  const visit = (node: TS.Node) => {
    if (ts.isCallExpression(node)) calls.push(node);
    else if (!ts.isFunctionLike(node)) node.forEachChild(visit);
  };
  for (const node of nodes) visit(node);
  return calls;
}

/** The identifiers a body reads that it does not declare itself. */
function usedNames(ts: typeof TS, body: TS.Node): Set<string> {
  const declared = new Set<string>();
  const read = new Set<string>();
  const visit = (node: TS.Node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ((ts.isVariableDeclaration(parent) ||
          ts.isFunctionDeclaration(parent) ||
          ts.isParameter(parent) ||
          ts.isBindingElement(parent)) &&
          parent.name === node);
      if (isName && !ts.isPropertyAccessExpression(parent) && !ts.isPropertyAssignment(parent)) declared.add(node.text);
      else if (!isName) read.add(node.text);
    }
    node.forEachChild(visit);
  };
  visit(body);
  return new Set([...read].filter((name) => !declared.has(name)));
}

/** The names a top-level statement binds, and the module it takes them from (none: declared in the file). */
function topBinding(
  ts: typeof TS,
  statement: TS.Statement,
): { names: string[]; specifier?: string | undefined } | undefined {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) return undefined;
    const names: string[] = [];
    if (clause.name) names.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) if (!element.isTypeOnly) names.push(element.name.text);
    return { names, specifier: statement.moduleSpecifier.text };
  }
  if (ts.isVariableStatement(statement)) {
    const names = statement.declarationList.declarations.flatMap((declaration) => bindingNames(ts, declaration.name));
    const [first] = statement.declarationList.declarations;
    const init = first?.initializer;
    const required =
      statement.declarationList.declarations.length === 1 &&
      init !== undefined &&
      ts.isCallExpression(init) &&
      ts.isIdentifier(init.expression) &&
      init.expression.text === 'require' &&
      init.arguments[0] !== undefined &&
      ts.isStringLiteral(init.arguments[0])
        ? init.arguments[0].text
        : undefined;
    return { names, specifier: required };
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
    return { names: [statement.name.text] };
  return undefined;
}

function bindingNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(ts, element.name) : []));
}

/** A statement's text with the indentation of its first line taken off every line. */
function dedent(text: string, source: TS.SourceFile, node: TS.Node): string {
  const { character } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : line.replace(new RegExp(`^ {0,${character}}`), '')))
    .join('\n');
}

/** The text with these import lines after its last top-level import or require (at the top when it has none). */
export function withImports(ts: typeof TS, text: string, fileName: string, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  let at = -1;
  for (const statement of source.statements) {
    const binding = topBinding(ts, statement);
    if (binding?.specifier !== undefined) at = statement.getEnd();
  }
  if (at === -1) {
    const directive = source.statements.find(
      (statement) => ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression),
    );
    at = directive ? directive.getEnd() : 0;
    if (at === 0) return `${lines.join('\n')}\n${text}`;
  }
  return `${text.slice(0, at)}\n${lines.join('\n')}${text.slice(at)}`;
}
