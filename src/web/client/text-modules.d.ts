// esbuild's `text` loader (see src/web/build.ts) turns these files into their contents as a string.
declare module '*.graphql' {
  const text: string;
  export default text;
}
