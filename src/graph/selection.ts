import { Kind } from 'graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields named `name` directly in `sets` (through inline fragments and fragment spreads). */
function fieldsNamed(
  info: GraphQLResolveInfo,
  sets: readonly (SelectionSetNode | undefined)[],
  name: string,
): FieldNode[] {
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const search = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        search(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        search(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) search(set);
  return found;
}

/** Whether the field being resolved selects `name` directly below it (through fragments too). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return selectsPath(info, [name]);
}

/**
 * Whether the field being resolved selects the nested field at `path` below it, e.g.
 * `['leads', 'enrollment']` (through fragments too; directives such as `@skip` are not read, so
 * the answer may be true for a field that will be skipped).
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    const fields = fieldsNamed(info, sets, name);
    if (fields.length === 0) return false;
    sets = fields.map((field) => field.selectionSet);
  }
  return true;
}
