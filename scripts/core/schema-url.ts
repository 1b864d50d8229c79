/**
 * Where editors find the schema of `papers.json`: the `$schema` that `init`
 * writes. The published package's copy, on the current major version, so a
 * list started today keeps validating until the format changes incompatibly.
 */
export const schemaUrl = 'https://unpkg.com/awesome-paper-list@0/schema/papers.schema.json'
