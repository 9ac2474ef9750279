import { ValidationFailed, formatIssue } from './validate';
import { UnmappedKgxTerms } from './import-kgx';

/** A mistake in the command line: printed without a stack trace. */
export class UsageError extends Error {}

/** Runs a CLI body: validation problems and usage errors are listed on stderr with exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      if (error instanceof ValidationFailed) {
        process.stderr.write(`invalid input, nothing written (${error.issues.length} error(s)):\n`);
        for (const issue of error.issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
      } else if (error instanceof UsageError || error instanceof UnmappedKgxTerms) {
        process.stderr.write(`${error.message}\n`);
      } else {
        process.stderr.write(`failed, nothing written: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      process.exitCode = 1;
    },
  );
}

export function printCounts(counts: { nodes: Record<string, number>; edges: Record<string, number>; totalNodes: number; totalEdges: number }): void {
  const lines = ['nodes by kind:', ...Object.entries(counts.nodes).map(([k, n]) => `  ${k.padEnd(16)} ${n}`), `  ${'total'.padEnd(16)} ${counts.totalNodes}`];
  lines.push('relationships by type:', ...Object.entries(counts.edges).map(([k, n]) => `  ${k.padEnd(16)} ${n}`), `  ${'total'.padEnd(16)} ${counts.totalEdges}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
