/**
 * Type definitions for @neo4j/graphql 7.6 (the bench's `neo4jgraphql` server, issue 19) over this
 * project's stored model (src/domain/model): every entity node carries :Entity plus one kind label,
 * with id, name, aliases, description, xrefs; relationships are typed as in the relationship catalogue
 * (HAS_SYMPTOM condition -> symptom, ASSOCIATED_WITH condition -> trigger, TREATS treatment -> condition).
 * Both labels are listed so that the generated MATCH (this:Condition:Entity) can use the unique index
 * on Entity(id) for lookups by id, as this project's statements do. Read-only: no mutations.
 * (A .ts module rather than a .graphql file so that the build output carries it.)
 */
export const NEO4J_GRAPHQL_TYPEDEFS = /* GraphQL */ `
type Condition @node(labels: ["Condition", "Entity"]) @mutation(operations: []) {
  id: ID!
  name: String!
  aliases: [String!]
  description: String
  xrefs: [String!]
  symptoms: [Symptom!]! @relationship(type: "HAS_SYMPTOM", direction: OUT)
  triggers: [Trigger!]! @relationship(type: "ASSOCIATED_WITH", direction: OUT)
  treatments: [Treatment!]! @relationship(type: "TREATS", direction: IN)
}

type Symptom @node(labels: ["Symptom", "Entity"]) @mutation(operations: []) {
  id: ID!
  name: String!
  aliases: [String!]
  description: String
  xrefs: [String!]
  conditions: [Condition!]! @relationship(type: "HAS_SYMPTOM", direction: IN)
  """
  How many distinct conditions are linked to this symptom by a positive relationship (the catalogue's
  Condition -> Symptom types: HAS_SYMPTOM and CAUSES), what this project's RELATED_COUNT with
  relatedKind Condition counts. @neo4j/graphql cannot sort by a relationship count by itself; a
  scalar @cypher field is its documented way to sort by a computed value.
  """
  conditionCount: Int!
    @cypher(statement: "RETURN COUNT { MATCH (this)<-[:HAS_SYMPTOM|CAUSES]-(c:Condition) RETURN DISTINCT c } AS n", columnName: "n")
}

type Trigger @node(labels: ["Trigger", "Entity"]) @mutation(operations: []) {
  id: ID!
  name: String!
  conditions: [Condition!]! @relationship(type: "ASSOCIATED_WITH", direction: IN)
}

type Treatment @node(labels: ["Treatment", "Entity"]) @mutation(operations: []) {
  id: ID!
  name: String!
  conditions: [Condition!]! @relationship(type: "TREATS", direction: OUT)
}
`;
