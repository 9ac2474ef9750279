// cytoscape-cola ships no types (and there is no @types package): a Cytoscape extension to `cytoscape.use`.
declare module 'cytoscape-cola' {
  const extension: cytoscape.Ext;
  export default extension;
}
