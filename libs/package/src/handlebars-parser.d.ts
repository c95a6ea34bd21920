// The Handlebars parser alone: the package's main entry also registers a `require` hook that
// reads files, which a pure library must not load.
declare module 'handlebars/dist/cjs/handlebars/compiler/base.js' {
  /** Parses a template into Handlebars' AST; throws with `lineNumber` on a syntax error. */
  export function parse(input: string): unknown;
}
