// `{ __proto__: value }` in an object literal does not add a key: JavaScript makes `value` the object's
// prototype when it is an object (the serializer then refuses the object as "an instance of" something), and
// silently drops it otherwise (`ports: { __proto__: 8080 }` is a service with no port). Neither is what the
// author wrote, and the evaluated value can no longer tell, so the source is read before evaluation. A
// computed `["__proto__"]: value` or a shorthand `{ __proto__ }` makes an ordinary own key and is left to the
// checks of the field it is in.
import { codes } from "../diagnostics/codes";
import type { Diagnostic } from "../diagnostics/diagnostic";

const PROTO = "__proto__";

/** MESH111 at every `__proto__:` key of an object literal in the policy's files. */
export async function protoKeyDiagnostics(sources: ReadonlyMap<string, string>): Promise<Diagnostic[]> {
  const suspects = [...sources].filter(([, text]) => text.includes(PROTO));
  // TypeScript's parser takes ~0.5 s to load: only a file that spells the key pays for it.
  if (suspects.length === 0) return [];
  const { ts } = await import("ts-morph");
  const out: Diagnostic[] = [];
  for (const [file, text] of suspects) {
    const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const visit = (node: import("ts-morph").ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && node.name.text === PROTO) {
        const start = node.name.getStart(source);
        out.push({
          code: "MESH111",
          severity: codes.MESH111.severity,
          message: "`__proto__:` in an object literal sets the object's prototype instead of adding a key: its value never reaches the policy.",
          span: { file, start, length: node.name.getEnd() - start },
          hint: "rename the key",
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}
