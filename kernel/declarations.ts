/**
 * What the cells run so far declare, for the cells after them: the compiler's declaration output
 * (.d.ts) of each cell, one declared name per piece, so that a later cell declaring a name again
 * replaces the earlier declaration instead of clashing with it.
 */
import type * as TS from '@tslab/typescript-for-tslab';

const ts = require('@tslab/typescript-for-tslab') as typeof TS;

/** The namespaces a declaration occupies: a type and a value of the same name live side by side. */
export const VALUE = 1;
export const TYPE = 2;

/** One top-level declaration (with its doc comment) and the names it declares. */
export interface Piece {
  text: string;
  names: readonly string[];
  meaning: number;
}

function hasModifier(statement: TS.Statement, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(statement) && Boolean(ts.getModifiers(statement)?.some((m) => m.kind === kind));
}

function bindingNames(name: TS.BindingName, out: string[]): string[] {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
  return out;
}

/** The names a top-level statement declares and their meaning (none for statements that declare nothing). */
export function declaredBy(statement: TS.Statement): { names: string[]; meaning: number } {
  if (ts.isVariableStatement(statement)) {
    const names: string[] = [];
    for (const d of statement.declarationList.declarations) bindingNames(d.name, names);
    return { names, meaning: VALUE };
  }
  if (ts.isFunctionDeclaration(statement)) return { names: statement.name ? [statement.name.text] : [], meaning: VALUE };
  if (ts.isClassDeclaration(statement)) return { names: statement.name ? [statement.name.text] : [], meaning: VALUE | TYPE };
  if (ts.isEnumDeclaration(statement)) return { names: [statement.name.text], meaning: VALUE | TYPE };
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return { names: [statement.name.text], meaning: TYPE };
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && !(statement.flags & ts.NodeFlags.GlobalAugmentation))
    return { names: [statement.name.text], meaning: VALUE | TYPE };
  if (ts.isImportEqualsDeclaration(statement)) return { names: [statement.name.text], meaning: VALUE | TYPE };
  if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    const names = clause.name ? [clause.name.text] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.push(element.name.text);
    return { names, meaning: VALUE | TYPE };
  }
  return { names: [], meaning: 0 };
}

/**
 * A cell's top-level names and their meanings; `exportable` leaves out what the cell already
 * exports itself (an `export` modifier).
 */
export function cellNames(file: TS.SourceFile): { all: Map<string, number>; exportable: Set<string> } {
  const all = new Map<string, number>();
  const exportable = new Set<string>();
  for (const statement of file.statements) {
    const { names, meaning } = declaredBy(statement);
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    for (const name of names) {
      all.set(name, (all.get(name) ?? 0) | meaning);
      if (!exported) exportable.add(name);
    }
  }
  return { all, exportable };
}

/** Splits a cell's declaration output into pieces of one name each. */
export function piecesOf(dts: string): Piece[] {
  const file = ts.createSourceFile('cell.d.ts', dts, ts.ScriptTarget.ES2022, false);
  const text = (node: TS.Node) => dts.slice(node.pos, node.end).trim();
  const pieces: Piece[] = [];
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) continue;
    const { names, meaning } = declaredBy(statement);
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause) continue; // a side-effect import declares nothing to keep
      const from = text(statement.moduleSpecifier);
      const type = clause.isTypeOnly ? 'type ' : '';
      if (clause.name) pieces.push({ text: `import ${type}${clause.name.text} from ${from};`, names: [clause.name.text], meaning });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        pieces.push({ text: `import ${type}* as ${bindings.name.text} from ${from};`, names: [bindings.name.text], meaning });
      } else if (bindings) {
        for (const element of bindings.elements) pieces.push({ text: `import ${type}{ ${text(element)} } from ${from};`, names: [element.name.text], meaning });
      }
    } else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length > 1) {
      const keyword = statement.declarationList.flags & ts.NodeFlags.Const ? 'const' : statement.declarationList.flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const d of statement.declarationList.declarations) {
        pieces.push({ text: `declare ${keyword} ${text(d)};`, names: bindingNames(d.name, []), meaning });
      }
    } else {
      // `export` goes: what a cell exports itself is, for later cells, one more local name.
      const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const whole = exported
        ? dts.slice(statement.pos, exported.getStart(file)) + dts.slice(exported.end, statement.end).trimStart()
        : dts.slice(statement.pos, statement.end);
      pieces.push({ text: whole.replace(/^\s*\n/, ''), names, meaning });
    }
  }
  return pieces;
}

/**
 * The pieces still in force once a cell declares `declared`. A class or import whose name the cell
 * takes for a type alone keeps its value, typed `any` (its type cannot be written without the
 * name), as tslab does; those are returned apart, to be added after.
 */
export function shadow(earlier: readonly Piece[], declared: ReadonlyMap<string, number>): { kept: readonly Piece[]; valuesAsAny: Piece[] } {
  const kept: Piece[] = [];
  const valuesAsAny: Piece[] = [];
  for (const piece of earlier) {
    const shadowed = piece.names.filter((name) => (declared.get(name) ?? 0) & piece.meaning);
    if (shadowed.length === 0) {
      kept.push(piece);
      continue;
    }
    if (!(piece.meaning & VALUE)) continue;
    for (const name of shadowed) {
      if (!((declared.get(name) ?? 0) & VALUE)) valuesAsAny.push({ text: `declare let ${name}: any;`, names: [name], meaning: VALUE });
    }
  }
  return { kept: kept.length === earlier.length ? earlier : kept, valuesAsAny };
}

/** The text of the declarations file later cells are checked against (a module, like the cells). */
export function declarationsText(pieces: readonly Piece[]): string {
  return pieces.map((p) => p.text).join('\n') + '\nexport {};\n';
}
