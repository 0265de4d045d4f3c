/**
 * Inspect's options section: for a function that takes an options object (`simulate(scenario,
 * options?: SimulateOptions)`), every option with its type and doc comment. TypeScript's quick
 * info names the options type only, which leaves a reader of `simulate?` guessing what to pass.
 */
import type * as TS from '@tslab/typescript-for-tslab';

/** Parameters with such a name take options even when they are required (`ensemble(s, options)`). */
const OPTIONS_NAME = /(options|opts|config|settings)$/i;
const MAX_OPTIONS = 50;

function isOptionsObject(ts: typeof TS, checker: TS.TypeChecker, type: TS.Type): boolean {
  if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0 || checker.isArrayLikeType(type)) return false;
  const count = type.getProperties().length;
  return count > 0 && count <= MAX_OPTIONS;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The options section for the name at `position`, or null when it takes no options object. */
export function optionsSection(ts: typeof TS, file: TS.SourceFile, checker: TS.TypeChecker, position: number): string | null {
  const node = (ts as unknown as { getTouchingPropertyName(file: TS.SourceFile, position: number): TS.Node }).getTouchingPropertyName(file, position);
  if (!node || !ts.isIdentifier(node)) return null;
  let symbol = checker.getSymbolAtLocation(node);
  if (!symbol) return null;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const type = checker.getTypeOfSymbolAtLocation(symbol, node);
  const signatures = [...type.getCallSignatures(), ...type.getConstructSignatures()];
  const seen = new Set<TS.Type>();
  const sections: string[] = [];
  for (const signature of signatures) {
    for (const parameter of signature.parameters) {
      const declaration = parameter.valueDeclaration;
      const optional = Boolean(declaration && ts.isParameter(declaration) && (declaration.questionToken || declaration.initializer));
      if (!optional && !OPTIONS_NAME.test(parameter.name)) continue;
      const parameterType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, node));
      if (seen.has(parameterType) || !isOptionsObject(ts, checker, parameterType)) continue;
      seen.add(parameterType);
      const lines = parameterType.getProperties().map((property) => {
        const propertyType = checker.getTypeOfSymbolAtLocation(property, node);
        const mark = property.flags & ts.SymbolFlags.Optional ? '?' : '';
        const shown = checker.typeToString(optional || mark ? checker.getNonNullableType(propertyType) : propertyType, node, ts.TypeFormatFlags.NoTruncation);
        const doc = oneLine(ts.displayPartsToString(property.getDocumentationComment(checker)));
        return `  ${property.name}${mark}: ${shown}${doc ? ` - ${doc}` : ''}`;
      });
      sections.push(`Options (${parameter.name}: ${checker.typeToString(parameterType, node)}):\n${lines.join('\n')}`);
    }
  }
  return sections.length > 0 ? `\n${sections.join('\n\n')}` : null;
}
