import { Kind, parse, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";

/** An error a resolver answers with (Linear puts its category in `extensions.type`). */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A root field's resolver: its arguments (variables substituted) in, plain data out. */
export type RootResolver = (args: Record<string, unknown>) => unknown;

/**
 * Answers a GraphQL document from plain data: root fields call resolvers, nested fields are read from the returned
 * objects (a missing field reads as null), aliases, fragments and inline fragments are honoured. Enough for a fake
 * that any client (the Linear SDK's generated documents included) can talk to; no schema validation.
 */
export function execute(query: string, variables: Record<string, unknown>, roots: Record<string, RootResolver>): { data?: unknown | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [{ message: `Syntax Error: ${error instanceof Error ? error.message : error}`, extensions: { type: "graphql error", code: "GRAPHQL_PARSE_FAILED" } }] };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { errors: [{ message: "No operation in the document" }] };
  const data: Record<string, unknown> = {};
  for (const field of fieldsOf(operation.selectionSet, fragments)) {
    const resolver = roots[field.name.value];
    if (!resolver) return { errors: [{ message: `Cannot query field "${field.name.value}" on type "${operation.operation === "mutation" ? "Mutation" : "Query"}".`, extensions: { type: "graphql error" } }] };
    const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueOf(a.value, variables)]));
    try {
      data[field.alias?.value ?? field.name.value] = select(resolver(args), field.selectionSet, fragments);
    } catch (error) {
      if (!(error instanceof GraphqlError)) throw error;
      return { data: null, errors: [{ message: error.message, extensions: error.extensions }] };
    }
  }
  return { data };
}

function select(value: unknown, selection: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>): unknown {
  if (value === undefined || value === null) return null;
  if (!selection) return value;
  if (Array.isArray(value)) return value.map((item) => select(item, selection, fragments));
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selection, fragments)) {
    out[field.alias?.value ?? field.name.value] = select(object[field.name.value], field.selectionSet, fragments);
  }
  return out;
}

function fieldsOf(selection: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  return selection.selections.flatMap((node): FieldNode[] => {
    if (node.kind === Kind.FIELD) return [node];
    if (node.kind === Kind.INLINE_FRAGMENT) return fieldsOf(node.selectionSet, fragments);
    const fragment = fragments.get(node.name.value);
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
  }
}
