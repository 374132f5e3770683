// js-yaml ships no types (and @types/js-yaml is not installed): the little the route table uses.
declare module 'js-yaml' {
  interface TypeOptions {
    kind: 'scalar' | 'sequence' | 'mapping';
    construct?: (data: unknown) => unknown;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
  }
  export interface Schema {
    extend(types: Type[]): Schema;
  }
  export const DEFAULT_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema }): unknown;
  const yaml: { Type: typeof Type; DEFAULT_SCHEMA: Schema; load: typeof load };
  export default yaml;
}
